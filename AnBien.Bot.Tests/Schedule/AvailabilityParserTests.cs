using AnBien.Bot.Schedule;

namespace AnBien.Bot.Tests.Schedule;

public sealed class AvailabilityParserTests
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    // Thursday 3 December 2026, 21:30 in Vietnam (14:30 UTC).
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 21, 30, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData("tôi nghỉ phép đến 15/12", "2026-12-15")]
    [InlineData("toi nghi phep den 15/12", "2026-12-15")]
    [InlineData("TÔI NGHỈ PHÉP ĐẾN 15/12/2026", "2026-12-15")]
    [InlineData("Em nghỉ phép tới hết ngày 15.12 ạ", "2026-12-15")]
    [InlineData("nghi den 3-12", "2026-12-03")]
    [InlineData("nghỉ phép đến ngày 5 tháng 1", "2027-01-05")]
    [InlineData("nghi phep den 05/01", "2027-01-05")]
    [InlineData("nghỉ phép đến 10/01/2027", "2027-01-10")]
    [InlineData("I am on leave until 20/12", "2026-12-20")]
    public void LeaveUntilADateIsReadWithOrWithoutDiacritics(string text, string expected)
    {
        var request = AvailabilityParser.Parse(text, Now, Vietnam);

        Assert.NotNull(request);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), request.LeaveUntil);
        Assert.Null(request.SnoozeUntil);
    }

    [Theory]
    [InlineData("nhắc lại sau")]
    [InlineData("Nhac lai sau")]
    [InlineData("nhắc lại sau nhé!")]
    [InlineData("NHẮC SAU")]
    [InlineData("remind me later")]
    public void SnoozeLastsUntilTomorrowInVietnam(string text)
    {
        var request = AvailabilityParser.Parse(text, Now, Vietnam);

        Assert.NotNull(request);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.FromHours(7)), request.SnoozeUntil);
        Assert.Null(request.LeaveUntil);
    }

    [Theory]
    [InlineData("tự đánh giá")]
    [InlineData("nghỉ phép đến 31/02")]
    [InlineData("nghỉ phép đến 01/12/2026")]
    [InlineData("tôi nghỉ phép")]
    [InlineData("")]
    public void AnythingElseIsNotARequest(string text) =>
        Assert.Null(AvailabilityParser.Parse(text, Now, Vietnam));
}
