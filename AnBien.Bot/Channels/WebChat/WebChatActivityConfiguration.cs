using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.WebChat;

public sealed class WebChatActivityConfiguration : IEntityTypeConfiguration<WebChatActivity>
{
    public void Configure(EntityTypeBuilder<WebChatActivity> builder)
    {
        builder.ToTable("WebChatActivities");

        // The key doubles as the watermark order; two instances appending at once collide here and retry.
        builder.HasKey(a => new { a.ConversationId, a.Sequence });
        builder.Property(a => a.ConversationId).HasMaxLength(64);
        builder.Property(a => a.ClientActivityId).HasMaxLength(128);
        builder.HasIndex(a => new { a.ConversationId, a.ClientActivityId }).IsUnique();
        builder.HasOne<WebChatConversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
