using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Summaries.Tallies;

internal sealed class ClassificationTallyConfiguration : IEntityTypeConfiguration<ClassificationTally>
{
    public void Configure(EntityTypeBuilder<ClassificationTally> e)
    {
        e.ToTable("ClassificationTallies");
        e.HasKey(t => new { t.PeriodId, t.UnitId, t.Proposed, t.Confirmed });
        e.Property(t => t.Proposed).HasMaxLength(32);
        e.Property(t => t.Confirmed).HasMaxLength(32);
    }
}
