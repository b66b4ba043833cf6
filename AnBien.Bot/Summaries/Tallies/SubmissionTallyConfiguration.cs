using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Summaries.Tallies;

internal sealed class SubmissionTallyConfiguration : IEntityTypeConfiguration<SubmissionTally>
{
    public void Configure(EntityTypeBuilder<SubmissionTally> e)
    {
        e.ToTable("SubmissionTallies");
        e.HasKey(t => new { t.PeriodId, t.UnitId, t.MaxPoints });
    }
}
