namespace AnBien.Bot.Schedule;

/// <summary>What a step did with an occurrence. Not <see cref="Done"/> means "not now": the occurrence is tried again later.</summary>
public sealed record StepOutcome(bool Done, string Note)
{
    public static StepOutcome Completed(string note) => new(true, note);

    public static StepOutcome Deferred(string note) => new(false, note);
}
