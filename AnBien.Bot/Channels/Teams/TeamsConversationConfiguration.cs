using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.Teams;

public sealed class TeamsConversationConfiguration : IEntityTypeConfiguration<TeamsConversation>
{
    public void Configure(EntityTypeBuilder<TeamsConversation> builder)
    {
        builder.HasIndex(c => c.ConversationId).IsUnique();
        builder.HasIndex(c => c.UserId);
        builder.Property(c => c.ConversationId).HasMaxLength(256);
        builder.Property(c => c.UserId).HasMaxLength(256);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.LastCardActivityId).HasMaxLength(256);
        builder.Property(c => c.LastCardPromptId).HasMaxLength(128);
    }
}
