namespace AnBien.Bot.Directory;

/// <summary>
/// How an operator's import may change the directory. A staff list lists everyone: people missing from it are
/// deactivated, so a short file by mistake would switch off a whole commune. Hence the limit.
/// </summary>
/// <param name="DryRun">Report what would change and change nothing.</param>
/// <param name="MaxDeactivateShare">The largest share of the active people one import may deactivate (0.1 = 10 %); null = no limit.</param>
public sealed record ImportPolicy(bool DryRun, double? MaxDeactivateShare)
{
    public static readonly ImportPolicy Apply = new(DryRun: false, MaxDeactivateShare: null);
}
