using System.Globalization;
using System.Text.RegularExpressions;
using AnBien.Bot.Announcements;
using AnBien.Bot.Conversations;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Thông báo": the council (or a unit head, when allowed) composes an announcement step by step — text, link, picture,
/// audience, "Đã đọc" button, time — sees it exactly as recipients will, with how many each channel reaches and how many
/// cannot be reached and why, and only "Gửi" queues it (docs/product.md, "Announcements"). Anyone else is refused and
/// the refusal is audited. Script: Dialogs/thong-bao.md.
/// </summary>
public sealed partial class AnnouncementComposeDialog(
    AnnouncementAccess access,
    AnnouncementService announcements,
    AudienceResolver audiences,
    SummaryAudit audit,
    WorkingCalendar calendar) : StepDialog<DialogScope<AnnouncementComposeState>>
{
    public const string DialogName = "announce-compose";
    private const string TextStep = "text", LinkStep = "link", ImageStep = "image", AudienceStep = "audience", UnitsStep = "units",
        SubUnitsStep = "subunits", RolesStep = "roles", StaffStep = "staff", AckStep = "ack", WhenStep = "when", PreviewStep = "preview";
    private const string Skip = "skip", Yes = "yes", No = "no", Now = "now", Send = "send", Edit = "edit";
    private const string Everyone = "all", ByUnits = "units", ByRoles = "roles", ByStaff = "staff", OwnUnitAndBelow = "own+", OwnUnitOnly = "own";

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new("cmd:announce", "menu.announce", 6, ["thông báo", "gửi thông báo", "announce"],
        access.Senders, RefusesOthers: true);

    protected override IReadOnlyList<DialogStep<DialogScope<AnnouncementComposeState>>> Steps =>
    [
        new(TextStep) { Ask = s => Offer(s, "announce.compose.text", []), Answer = TakeText },
        new(LinkStep)
        {
            Ask = s => Offer(s, "announce.compose.link", [new(Skip, s.Turn.T("announce.compose.skip"), 1)]),
            Answer = s => TakeAddress(s, a => s.State.Link = a, ImageStep),
            Back = _ => TextStep,
            Retry = s => s.Turn.T("announce.compose.address.retry"),
        },
        new(ImageStep)
        {
            Ask = s => Offer(s, "announce.compose.image", [new(Skip, s.Turn.T("announce.compose.skip"), 1)]),
            Answer = s => TakeAddress(s, a => s.State.Image = a, AudienceStep),
            Back = _ => LinkStep,
            Retry = s => s.Turn.T("announce.compose.address.retry"),
        },
        new(AudienceStep) { Ask = AskAudience, AnswerAsync = TakeAudienceAsync, Back = _ => ImageStep },
        new(UnitsStep) { Ask = s => Offer(s, "announce.compose.units", []), AnswerAsync = TakeUnitsAsync, Back = _ => AudienceStep },
        new(SubUnitsStep) { Ask = s => Offer(s, "announce.compose.subunits", YesNo(s.Turn)), Answer = TakeSubUnits, Back = _ => UnitsStep },
        new(RolesStep) { Ask = s => Offer(s, "announce.compose.roles", RoleChoices(s.Turn)), Answer = TakeRoles, Back = _ => AudienceStep },
        new(StaffStep) { Ask = s => Offer(s, "announce.compose.staff", []), AnswerAsync = TakeStaffAsync, Back = _ => AudienceStep },
        new(AckStep) { Ask = s => Offer(s, "announce.compose.ack", YesNo(s.Turn)), Answer = TakeAck, Back = _ => AudienceStep },
        new(WhenStep)
        {
            Ask = s => Offer(s, "announce.compose.when", [new(Now, s.Turn.T("announce.compose.now"), 1)]),
            AnswerAsync = TakeWhenAsync,
            Back = _ => AckStep,
            Retry = s => s.Turn.T("announce.compose.when.retry"),
        },
        new(PreviewStep) { Ask = ShowPreview, AnswerAsync = TakeDecisionAsync, Back = _ => WhenStep },
    ];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var staff = turn.Staff!;
        if (!access.MaySend(staff))
        {
            await audit.WriteAsync(turn.Db, staff.Code, AnnouncementAccess.ComposeAction, "chat", SummaryAudit.Denied, ct);
            turn.Say(turn.T("announce.denied"));
            turn.EndDialog();
            return;
        }

        var scope = new DialogScope<AnnouncementComposeState>(turn, turn.DialogState<AnnouncementComposeState>());
        Remember(turn, scope);
        GoTo(scope, TextStep);
    }

    protected override Task<DialogScope<AnnouncementComposeState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<AnnouncementComposeState>?>(new(turn, turn.DialogState<AnnouncementComposeState>()));

    private static StepResult TakeText(DialogScope<AnnouncementComposeState> scope)
    {
        var text = scope.Turn.Message.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 4000) return StepResult.NotUnderstood;
        scope.State.Text = text;
        return StepResult.GoTo(LinkStep);
    }

    private static StepResult TakeAddress(DialogScope<AnnouncementComposeState> scope, Action<string?> keep, string next)
    {
        var input = scope.Turn.Input?.Trim();
        if (ChoiceMatcher.Match(input, [new(Skip, scope.Turn.T("announce.compose.skip"), 1)]) is not null)
        {
            keep(null);
            return StepResult.GoTo(next);
        }

        if (!Uri.TryCreate(input, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsoluteUri.Length > 512)
        {
            return StepResult.NotUnderstood;
        }

        keep(uri.AbsoluteUri);
        return StepResult.GoTo(next);
    }

    private static void AskAudience(DialogScope<AnnouncementComposeState> scope) =>
        Offer(scope, "announce.compose.audience", AudienceChoices(scope.Turn));

    /// <summary>A head who may send chooses only between their unit with or without its sub-units.</summary>
    private static List<Choice> AudienceChoices(TurnContext turn) => AnnouncementAccess.IsLimitedToOwnUnit(turn.Staff!)
        ? [new(OwnUnitAndBelow, turn.T("announce.audience.ownAndBelow"), 1), new(OwnUnitOnly, turn.T("announce.audience.ownOnly"), 2)]
        : [new(Everyone, turn.T("announce.audience.all"), 1), new(ByUnits, turn.T("announce.audience.units"), 2),
           new(ByRoles, turn.T("announce.audience.roles"), 3), new(ByStaff, turn.T("announce.audience.staff"), 4)];

    private async Task<StepResult> TakeAudienceAsync(DialogScope<AnnouncementComposeState> scope, CancellationToken ct)
    {
        var turn = scope.Turn;
        var picked = ChoiceMatcher.Match(turn.Input, AudienceChoices(turn))?.Value;
        switch (picked)
        {
            case Everyone:
                scope.State.Audience = Everyone;
                return StepResult.GoTo(AckStep);
            case OwnUnitAndBelow or OwnUnitOnly:
                var tree = await UnitTree.LoadAsync(turn.Db, ct);
                scope.State.Audience = $"units:{tree.CodeOf(turn.Staff!.UnitId)}";
                scope.State.WithSubUnits = picked == OwnUnitAndBelow;
                return StepResult.GoTo(AckStep);
            case ByUnits:
                return StepResult.GoTo(UnitsStep);
            case ByRoles:
                return StepResult.GoTo(RolesStep);
            case ByStaff:
                return StepResult.GoTo(StaffStep);
            default:
                return StepResult.NotUnderstood;
        }
    }

    private async Task<StepResult> TakeUnitsAsync(DialogScope<AnnouncementComposeState> scope, CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(scope.Turn.Db, ct);
        var codes = new List<string>();
        var unknown = new List<string>();
        foreach (var word in List(scope.Turn.Input))
        {
            var folded = TextNormalizer.Fold(word);
            var unit = tree.Nodes.FirstOrDefault(n => TextNormalizer.Fold(n.Code) == folded) ?? tree.Nodes.FirstOrDefault(n => TextNormalizer.Fold(n.Name) == folded);
            if (unit is null) unknown.Add(word);
            else codes.Add(unit.Code);
        }

        if (codes.Count == 0 && unknown.Count == 0) return StepResult.NotUnderstood;
        if (unknown.Count > 0)
        {
            scope.Turn.Say(scope.Turn.T("announce.compose.units.unknown", ("names", string.Join(", ", unknown)),
                ("known", string.Join(", ", tree.Nodes.OrderBy(n => n.Id).Select(n => n.Code)))));
            Ask(scope);
            return StepResult.Handled;
        }

        scope.State.Audience = "units:" + string.Join(',', codes.Distinct(StringComparer.Ordinal));
        return StepResult.GoTo(SubUnitsStep);
    }

    private static StepResult TakeSubUnits(DialogScope<AnnouncementComposeState> scope)
    {
        if (ChoiceMatcher.Match(scope.Turn.Input, YesNo(scope.Turn))?.Value is not { } answer) return StepResult.NotUnderstood;
        scope.State.WithSubUnits = answer == Yes;
        return StepResult.GoTo(AckStep);
    }

    private static StepResult TakeRoles(DialogScope<AnnouncementComposeState> scope)
    {
        var offered = RoleChoices(scope.Turn);
        var picked = List(scope.Turn.Input).Select(w => ChoiceMatcher.Match(w, offered)).ToList();
        if (picked.Count == 0 || picked.Any(p => p is null)) return StepResult.NotUnderstood;
        scope.State.Audience = "roles:" + string.Join(',', picked.Select(p => p!.Value).Distinct(StringComparer.Ordinal));
        scope.State.WithSubUnits = false;
        return StepResult.GoTo(AckStep);
    }

    private async Task<StepResult> TakeStaffAsync(DialogScope<AnnouncementComposeState> scope, CancellationToken ct)
    {
        var codes = List(scope.Turn.Input).Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0) return StepResult.NotUnderstood;
        var known = await scope.Turn.Db.Staff.AsNoTracking().Where(s => s.Active && codes.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct);
        var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            scope.Turn.Say(scope.Turn.T("announce.compose.staff.unknown", ("codes", string.Join(", ", unknown))));
            Ask(scope);
            return StepResult.Handled;
        }

        scope.State.Audience = "staff:" + string.Join(',', codes);
        scope.State.WithSubUnits = false;
        return StepResult.GoTo(AckStep);
    }

    private static StepResult TakeAck(DialogScope<AnnouncementComposeState> scope)
    {
        if (ChoiceMatcher.Match(scope.Turn.Input, YesNo(scope.Turn))?.Value is not { } answer) return StepResult.NotUnderstood;
        scope.State.Ack = answer == Yes;
        return StepResult.GoTo(WhenStep);
    }

    private async Task<StepResult> TakeWhenAsync(DialogScope<AnnouncementComposeState> scope, CancellationToken ct)
    {
        var turn = scope.Turn;
        if (ChoiceMatcher.Match(turn.Input, [new(Now, turn.T("announce.compose.now"), 1)]) is not null) scope.State.SendAt = null;
        else if (ReadTime(turn.Input, turn.Now) is { } at)
        {
            if (at <= turn.Now)
            {
                turn.Say(turn.T("announce.compose.when.past"));
                Ask(scope);
                return StepResult.Handled;
            }

            scope.State.SendAt = at;
        }
        else return StepResult.NotUnderstood;

        var recipients = await audiences.ResolveAsync(turn.Db, Audience(scope.State), turn.Now, ct);
        if (recipients.Count == 0)
        {
            turn.Say(turn.T("announce.preview.nobody"));
            return StepResult.GoTo(AudienceStep);
        }

        scope.State.PreviewSummary = Summarise(turn, scope.State, AnnouncementPreview.Of(recipients), recipients.Count);
        return StepResult.GoTo(PreviewStep);
    }

    private void ShowPreview(DialogScope<AnnouncementComposeState> scope)
    {
        var turn = scope.Turn;
        turn.Say(turn.T("announce.preview.intro"));
        turn.Send(AnnouncementMessage.Render(turn.Texts, Draft(scope.State, turn.Staff!), turn.Language));
        List<Choice> choices = [new(Send, turn.T("announce.preview.send"), 1), new(Edit, turn.T("announce.preview.edit"), 2), new("hủy", turn.T("announce.preview.cancel"), 3)];
        turn.Send(new OutgoingMessage(scope.State.PreviewSummary)
        {
            Choices = choices,
            PromptId = "announce-" + PreviewStep,
            ChoicesHint = turn.T("menu.hint", ("choices", string.Join(", ", choices.Select(c => $"{c.Number} = {c.Label}")))),
        });
    }

    private async Task<StepResult> TakeDecisionAsync(DialogScope<AnnouncementComposeState> scope, CancellationToken ct)
    {
        var turn = scope.Turn;
        List<Choice> offered = [new(Send, turn.T("announce.preview.send"), 1), new(Edit, turn.T("announce.preview.edit"), 2)];
        switch (ChoiceMatcher.Match(turn.Input, offered)?.Value)
        {
            case Send:
                var state = scope.State;
                var draft = new AnnouncementDraft(state.Text, Audience(state), turn.Staff!.Code)
                {
                    Link = state.Link, ImageUrl = state.Image, RequiresAck = state.Ack, SendAt = state.SendAt,
                };
                var queued = await announcements.CreateAsync(draft, ct);
                await audit.WriteAsync(turn.Db, turn.Staff.Code, AnnouncementAccess.SendAction,
                    $"#{queued.Id} {queued.Audience}{(queued.WithSubUnits ? "+" : "")}", SummaryAudit.Allowed, ct);
                turn.Say(turn.T(state.SendAt is null ? "announce.queued.now" : "announce.queued.later",
                    ("id", queued.Id), ("count", queued.RecipientCount), ("when", DisplayFormat.DateTime(TimeZoneInfo.ConvertTime(queued.SendAt, calendar.Zone)))));
                turn.EndDialog();
                return StepResult.Handled;
            case Edit:
                return StepResult.GoTo(TextStep);
            default:
                return StepResult.NotUnderstood;
        }
    }

    private string Summarise(TurnContext turn, AnnouncementComposeState state, AnnouncementPreview preview, int total)
    {
        var lines = new List<string>
        {
            turn.T("announce.preview.audience", ("audience", Describe(turn, state)), ("total", total)),
            preview.Reachable == 0
                ? turn.T("announce.preview.reachNone")
                : turn.T("announce.preview.reach", ("count", preview.Reachable), ("channels", string.Join(", ", preview.ByChannel.Select(c => $"{c.Channel} {c.Count}")))),
        };
        if (preview.NotReachable > 0)
        {
            lines.Add(turn.T("announce.preview.unreachable", ("count", preview.NotReachable),
                ("reasons", string.Join("; ", preview.Unreachable.Select(u => $"{u.Count} {turn.T(ReasonKey(u.Reason))}")))));
        }

        lines.Add(turn.T(state.Ack ? "announce.preview.withAck" : "announce.preview.withoutAck"));
        lines.Add(state.SendAt is { } at
            ? turn.T("announce.preview.at", ("when", DisplayFormat.DateTime(TimeZoneInfo.ConvertTime(at, calendar.Zone))))
            : turn.T("announce.preview.now"));
        lines.Add(turn.T("announce.preview.confirm"));
        return string.Join('\n', lines);
    }

    private static string ReasonKey(Reachability reason) => reason switch
    {
        Reachability.NoAccount => "announce.reason.noAccount",
        Reachability.ChannelReported => "announce.reason.channelReported",
        _ => "announce.reason.zaloWindow",
    };

    private static string Describe(TurnContext turn, AnnouncementComposeState state)
    {
        var audience = Audience(state);
        var names = string.Join(", ", audience.Codes);
        return audience.Kind switch
        {
            AudienceKind.All => turn.T("announce.audience.all"),
            AudienceKind.Units => turn.T(state.WithSubUnits ? "announce.describe.unitsAndBelow" : "announce.describe.units", ("units", names)),
            AudienceKind.Roles => turn.T("announce.describe.roles", ("roles", string.Join(", ", audience.Codes.Select(r => RoleChoices(turn).First(c => c.Value == r).Label)))),
            _ => turn.T("announce.describe.staff", ("codes", names)),
        };
    }

    private static AnnouncementAudience Audience(AnnouncementComposeState state) => AnnouncementAudience.Parse(state.Audience, state.WithSubUnits);

    private static Announcement Draft(AnnouncementComposeState state, Staff sender) => new()
    {
        Text = state.Text, Link = state.Link, ImageUrl = state.Image, RequiresAck = state.Ack, Audience = state.Audience, CreatedBy = sender.Code,
    };

    /// <summary>"dd/MM HH:mm" (or with the year) in the organisation's time zone; the year defaults to this one.</summary>
    private DateTimeOffset? ReadTime(string? input, DateTimeOffset now)
    {
        var m = TimePattern().Match(input?.Trim() ?? "");
        if (!m.Success) return null;
        int Part(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        var year = m.Groups[3].Success ? Part(3) : TimeZoneInfo.ConvertTime(now, calendar.Zone).Year;
        if (Part(2) is < 1 or > 12 || Part(1) < 1 || Part(1) > DateTime.DaysInMonth(year, Part(2)) || Part(4) > 23 || Part(5) > 59) return null;
        var local = new DateTime(year, Part(2), Part(1), Part(4), Part(5), 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, calendar.Zone.GetUtcOffset(local));
    }

    private static List<Choice> YesNo(TurnContext turn) => [new(Yes, turn.T("announce.yes"), 1), new(No, turn.T("announce.no"), 2)];

    private static List<Choice> RoleChoices(TurnContext turn) =>
    [
        new("staff", turn.T("announce.role.staff"), 1), new("unit_head", turn.T("announce.role.unitHead"), 2),
        new("council", turn.T("announce.role.council"), 3), new("admin", turn.T("announce.role.admin"), 4),
    ];

    private static string[] List(string? input) =>
        (input ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Offer(DialogScope<AnnouncementComposeState> scope, string key, List<Choice> choices)
    {
        var turn = scope.Turn;
        turn.Send(new OutgoingMessage(turn.T(key))
        {
            Choices = choices,
            PromptId = "announce-" + scope.Step,
            ChoicesHint = choices.Count == 0 ? null : turn.T("menu.hint", ("choices", string.Join(", ", choices.Select(c => $"{c.Number} = {c.Label}")))),
        });
    }

    [GeneratedRegex(@"^(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{4}))?\s+(\d{1,2})[:hg](\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
