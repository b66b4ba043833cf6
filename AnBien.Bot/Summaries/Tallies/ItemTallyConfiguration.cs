using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Summaries.Tallies;

internal sealed class ItemTallyConfiguration : IEntityTypeConfiguration<ItemTally>
{
    public void Configure(EntityTypeBuilder<ItemTally> e)
    {
        e.ToTable("ItemTallies");
        e.HasKey(t => new { t.PeriodId, t.UnitId, t.ItemCode });
        e.Property(t => t.ItemCode).HasMaxLength(32);
    }
}
