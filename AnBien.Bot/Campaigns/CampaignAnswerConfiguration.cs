using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Campaigns;

public sealed class CampaignAnswerConfiguration : IEntityTypeConfiguration<CampaignAnswer>
{
    public void Configure(EntityTypeBuilder<CampaignAnswer> builder)
    {
        builder.ToTable("CampaignAnswers");
        builder.HasIndex(a => new { a.AssessmentId, a.QuestionId }).IsUnique();
        builder.HasIndex(a => a.QuestionId);
        builder.Property(a => a.ChoiceCode).HasMaxLength(16);
        builder.HasOne<Storage.Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}
