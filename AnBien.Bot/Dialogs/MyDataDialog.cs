using System.Globalization;
using AnBien.Bot.Conversations;
using AnBien.Bot.Privacy;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Dữ liệu của tôi": the person's right to see everything stored about them (README "Dữ liệu cá nhân"). One reply with
/// signed links to their export as JSON and as a workbook, and how long the links work; then the dialog ends.
/// Script: Dialogs/du-lieu-cua-toi.md.
/// </summary>
public sealed class MyDataDialog(PersonalDataLinks links) : StepDialog<DialogScope<StepState>>
{
    public const string DialogName = "my-data";

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new("cmd:mydata", "menu.mydata", 90, ["dữ liệu của tôi", "dữ liệu cá nhân", "my data"]);

    // One reply and done: no question waits for an answer.
    protected override IReadOnlyList<DialogStep<DialogScope<StepState>>> Steps { get; } = [];

    public override Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var (json, workbook) = links.Create(turn.Staff!.Id);
        turn.Send(new OutgoingMessage(turn.T("mydata.links",
            ("minutes", Math.Round(links.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture)),
            ("json", json.OriginalString), ("xlsx", workbook.OriginalString)))
        {
            Choices = [new Choice(MainMenu.HelpCommand, turn.T("menu.help"), 1)],
        });
        turn.EndDialog();
        return Task.CompletedTask;
    }

    protected override Task<DialogScope<StepState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<StepState>?>(new(turn, turn.DialogState<StepState>()));
}
