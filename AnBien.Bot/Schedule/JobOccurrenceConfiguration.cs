using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Schedule;

public sealed class JobOccurrenceConfiguration : IEntityTypeConfiguration<JobOccurrence>
{
    public void Configure(EntityTypeBuilder<JobOccurrence> builder)
    {
        builder.ToTable("JobOccurrences");
        builder.HasKey(o => new { o.Job, o.DueAt });
        builder.Property(o => o.Job).HasMaxLength(32);
        builder.Property(o => o.Instance).HasMaxLength(64);
        builder.Property(o => o.Outcome).HasMaxLength(256);
    }
}
