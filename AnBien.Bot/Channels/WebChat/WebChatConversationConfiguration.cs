using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Channels.WebChat;

public sealed class WebChatConversationConfiguration : IEntityTypeConfiguration<WebChatConversation>
{
    public void Configure(EntityTypeBuilder<WebChatConversation> builder)
    {
        builder.ToTable("WebChatConversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.UserId).HasMaxLength(64);
        builder.HasIndex(c => c.UserId);
    }
}
