namespace AnBien.Bot.Campaigns;

/// <summary>
/// A person's answer to a campaign question in one self-assessment. Kept apart from <see cref="Storage.Answer"/> so the
/// plan's score and classification cannot see it.
/// </summary>
public sealed class CampaignAnswer
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public int QuestionId { get; set; }
    public required string ChoiceCode { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}
