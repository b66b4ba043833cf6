namespace AnBien.Bot.Review;

public enum ReviewOutcome
{
    Done,
    NotAllowed,
    WindowClosed,
    ReasonRequired,
    NotFound,
}
