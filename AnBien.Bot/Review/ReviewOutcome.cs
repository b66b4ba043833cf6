namespace AnBien.Bot.Review;

public enum ReviewOutcome
{
    Done,
    NotAllowed,
    WindowClosed,
    ReasonRequired,
    NotFound,

    /// <summary>The catalogue has a task part the head has not scored yet, so there is no proposal to decide on.</summary>
    TasksRequired,

    /// <summary>The level's quota in the unit is used up (see <see cref="ReviewDesk.QuotaAsync"/>).</summary>
    QuotaFull,
}
