namespace AnBien.Bot.Review;

public static class ReviewExtensions
{
    /// <summary>The head's review of submissions ("duyệt"): window setting and the desk the dialog uses.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReviewDesk>();
        return services;
    }
}
