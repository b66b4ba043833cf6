using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Campaigns;

public sealed class CampaignQuestionConfiguration : IEntityTypeConfiguration<CampaignQuestion>
{
    public void Configure(EntityTypeBuilder<CampaignQuestion> builder)
    {
        builder.ToTable("CampaignQuestions");
        builder.HasIndex(q => new { q.CampaignId, q.Code }).IsUnique();
        builder.Property(q => q.Code).HasMaxLength(32);
        builder.Property(q => q.Text).HasMaxLength(1000);
        builder.Property(q => q.ChoicesJson).HasMaxLength(4000);
    }
}
