using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Summaries.Tallies;

internal sealed class OrganisationItemTallyConfiguration : IEntityTypeConfiguration<OrganisationItemTally>
{
    public void Configure(EntityTypeBuilder<OrganisationItemTally> e)
    {
        e.ToTable("OrganisationItemTallies");
        e.HasKey(t => new { t.PeriodId, t.ItemCode });
        e.Property(t => t.ItemCode).HasMaxLength(32);
    }
}
