using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Conversations.Outbox;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Route).HasMaxLength(32);
        builder.Property(m => m.OrderKey).HasMaxLength(320);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Detail).HasMaxLength(512);
        builder.Property(m => m.SentVia).HasMaxLength(32);
        builder.Property(m => m.ExternalId).HasMaxLength(256);
        builder.Property(m => m.LeaseOwner).HasMaxLength(32);
        builder.Property(m => m.SourceChannel).HasMaxLength(32);
        builder.Property(m => m.SourceActivityId).HasMaxLength(256);
        builder.Property(m => m.CorrelationKind).HasMaxLength(32);
        builder.Property(m => m.CorrelationId).HasMaxLength(64);

        // The workers' question: what is due? And for each candidate, is an earlier message of its thread still waiting?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.OrderKey, m.Status, m.Id });
        builder.HasIndex(m => new { m.SourceChannel, m.SourceActivityId });
        builder.HasIndex(m => new { m.CorrelationKind, m.CorrelationId });
    }
}
