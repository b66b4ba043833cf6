using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Storage;

/// <summary>
/// The bot's database. Provider-neutral; <see cref="SqliteBotDbContext"/> and <see cref="PostgresBotDbContext"/>
/// exist only so each provider keeps its own migrations.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<ActivationCode> ActivationCodes => Set<ActivationCode>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<CatalogueSnapshot> CatalogueSnapshots => Set<CatalogueSnapshot>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<GroupNote> GroupNotes => Set<GroupNote>();
    public DbSet<UnitAssessment> UnitAssessments => Set<UnitAssessment>();
    public DbSet<UnitAnswer> UnitAnswers => Set<UnitAnswer>();
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();
    public DbSet<Channels.Zalo.ZaloInboxEvent> ZaloInbox => Set<Channels.Zalo.ZaloInboxEvent>();
    public DbSet<Channels.Zalo.ZaloUser> ZaloUsers => Set<Channels.Zalo.ZaloUser>();
    public DbSet<Channels.Zalo.ZaloGrant> ZaloGrants => Set<Channels.Zalo.ZaloGrant>();
    public DbSet<Channels.Zalo.ZaloLinkRequest> ZaloLinkRequests => Set<Channels.Zalo.ZaloLinkRequest>();
    public DbSet<Channels.Teams.TeamsConversation> TeamsConversations => Set<Channels.Teams.TeamsConversation>();
    public DbSet<Channels.WebChat.WebChatConversation> WebChatConversations => Set<Channels.WebChat.WebChatConversation>();
    public DbSet<Channels.WebChat.WebChatActivity> WebChatActivities => Set<Channels.WebChat.WebChatActivity>();
    public DbSet<Privacy.Consent> Consents => Set<Privacy.Consent>();
    public DbSet<Privacy.ProtectionKey> ProtectionKeys => Set<Privacy.ProtectionKey>();
    public DbSet<Announcements.Announcement> Announcements => Set<Announcements.Announcement>();
    public DbSet<Announcements.AnnouncementDelivery> AnnouncementDeliveries => Set<Announcements.AnnouncementDelivery>();
    public DbSet<Announcements.AnnouncementImage> AnnouncementImages => Set<Announcements.AnnouncementImage>();
    public DbSet<Schedule.JobOccurrence> JobOccurrences => Set<Schedule.JobOccurrence>();
    public DbSet<Schedule.StaffAvailability> StaffAvailability => Set<Schedule.StaffAvailability>();
    public DbSet<Conversations.Outbox.OutboxMessage> Outbox => Set<Conversations.Outbox.OutboxMessage>();
    public DbSet<Campaigns.Campaign> Campaigns => Set<Campaigns.Campaign>();
    public DbSet<Campaigns.CampaignQuestion> CampaignQuestions => Set<Campaigns.CampaignQuestion>();
    public DbSet<Campaigns.CampaignAnswer> CampaignAnswers => Set<Campaigns.CampaignAnswer>();

    public DbSet<Summaries.Tallies.ItemTally> ItemTallies => Set<Summaries.Tallies.ItemTally>();
    public DbSet<Summaries.Tallies.SubmissionTally> SubmissionTallies => Set<Summaries.Tallies.SubmissionTally>();
    public DbSet<Summaries.Tallies.ClassificationTally> ClassificationTallies => Set<Summaries.Tallies.ClassificationTally>();
    public DbSet<Summaries.Tallies.OrganisationItemTally> OrganisationItemTallies => Set<Summaries.Tallies.OrganisationItemTally>();

    /// <summary>Every save that changes submitted answers recomputes their tallies in the same transaction.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Summaries.Tallies.TallyRecompute.SaveAsync(this, acceptAllChangesOnSuccess, base.SaveChangesAsync, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Summaries.Tallies.TallyRecompute.SaveAsync(this, acceptAllChangesOnSuccess, (accept, _) => Task.FromResult(base.SaveChanges(accept)), default)
            .GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Feature folders (channels, announcements…) keep their tables' configuration beside their code.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);

        modelBuilder.Entity<Unit>(e =>
        {
            e.HasIndex(u => u.Code).IsUnique();
            e.Property(u => u.Code).HasMaxLength(64);
            e.Property(u => u.Name).HasMaxLength(256);
            e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Staff>(e =>
        {
            e.HasIndex(s => s.Code).IsUnique();
            e.HasIndex(s => s.TeamsObjectId);
            e.HasIndex(s => s.Email);
            e.HasIndex(s => s.Phone);
            e.Property(s => s.Code).HasMaxLength(64);
            e.Property(s => s.FullName).HasMaxLength(256);
            e.Property(s => s.Title).HasMaxLength(256);
            e.Property(s => s.Email).HasMaxLength(256);
            e.Property(s => s.Phone).HasMaxLength(32);
            e.Property(s => s.TeamsObjectId).HasMaxLength(64);
            e.Property(s => s.Language).HasMaxLength(8);
            e.Property(s => s.Category).HasMaxLength(32);
            e.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ChannelAccount>(e =>
        {
            e.HasIndex(a => new { a.Channel, a.ChannelUserId }).IsUnique();
            e.HasIndex(a => a.StaffId);
            e.Property(a => a.Channel).HasMaxLength(32);
            e.Property(a => a.ChannelUserId).HasMaxLength(256);
            e.Property(a => a.LinkedBy).HasMaxLength(64);
            e.HasOne(a => a.Staff).WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ActivationCode>(e =>
        {
            e.HasIndex(c => c.CodeHash).IsUnique();
            e.Property(c => c.CodeHash).HasMaxLength(128);
            e.Property(c => c.IssuedBy).HasMaxLength(64);
            e.HasOne(c => c.Staff).WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Period>(e =>
        {
            e.HasIndex(p => p.Month).IsUnique();
            e.Property(p => p.Month).HasMaxLength(7);
            e.Property(p => p.CatalogueId).HasMaxLength(64);
            e.Property(p => p.CatalogueVersion).HasMaxLength(32);
            e.Property(p => p.CatalogueVariants).HasMaxLength(1024);
            e.Property(p => p.CampaignIds).HasMaxLength(256);
        });

        modelBuilder.Entity<CatalogueSnapshot>(e =>
        {
            e.HasKey(c => new { c.CatalogueId, c.Version });
            e.Property(c => c.CatalogueId).HasMaxLength(64);
            e.Property(c => c.Version).HasMaxLength(32);
        });

        modelBuilder.Entity<Assessment>(e =>
        {
            // The product rule "one assessment per person and period" is a constraint, not a convention.
            e.HasIndex(a => new { a.StaffId, a.PeriodId }).IsUnique();
            e.HasIndex(a => new { a.PeriodId, a.UnitId });
            // The good-deed lists read only the assessments that have one (about one in ten).
            e.HasIndex(a => new { a.PeriodId, a.UnitId }, "IX_Assessments_GoodDeeds").HasFilter("\"GoodDeed\" IS NOT NULL");
            e.Property(a => a.Step).HasMaxLength(16);
            e.Property(a => a.ProposedClassification).HasMaxLength(32);
            e.Property(a => a.ConfirmedClassification).HasMaxLength(32);
            e.Property(a => a.ConfirmedBy).HasMaxLength(64);
            e.Property(a => a.ReviewReason).HasMaxLength(2000);
            e.Property(a => a.GoodDeed).HasMaxLength(2000);
            e.Property(a => a.CatalogueId).HasMaxLength(64);
            e.Property(a => a.CatalogueVersion).HasMaxLength(32);
            e.HasOne(a => a.Staff).WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.Period).WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Answers).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Notes).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Answer>(e =>
        {
            e.HasIndex(a => new { a.AssessmentId, a.ItemCode }).IsUnique();
            e.Property(a => a.ItemCode).HasMaxLength(32);
            e.Property(a => a.ChoiceCode).HasMaxLength(16);
        });

        modelBuilder.Entity<RosterEntry>(e =>
        {
            e.ToTable("PeriodRoster");
            e.HasKey(r => new { r.PeriodId, r.StaffId });
            e.HasIndex(r => new { r.PeriodId, r.UnitId });
            // Only the people still expected (about an eighth of the roster): the not-submitted lists read this alone.
            e.HasIndex(r => new { r.PeriodId, r.UnitId }, "IX_PeriodRoster_NotSubmitted").HasFilter("NOT \"Submitted\"");
            e.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(r => r.Staff).WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.At);
            e.Property(a => a.Actor).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Scope).HasMaxLength(128);
            e.Property(a => a.Outcome).HasMaxLength(16);
        });

        modelBuilder.Entity<UnitAssessment>(e =>
        {
            // One collective assessment per unit and period: a constraint, so two heads cannot create two.
            e.HasIndex(a => new { a.PeriodId, a.UnitId }).IsUnique();
            e.Property(a => a.Step).HasMaxLength(16);
            e.Property(a => a.UpdatedBy).HasMaxLength(64);
            e.Property(a => a.ProposedClassification).HasMaxLength(32);
            e.HasOne(a => a.Period).WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Answers).WithOne().HasForeignKey(x => x.UnitAssessmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UnitAnswer>(e =>
        {
            e.HasIndex(a => new { a.UnitAssessmentId, a.ItemCode }).IsUnique();
            e.Property(a => a.ItemCode).HasMaxLength(32);
            e.Property(a => a.ChoiceCode).HasMaxLength(16);
        });

        modelBuilder.Entity<GroupNote>(e =>
        {
            e.HasIndex(n => new { n.AssessmentId, n.GroupCode }).IsUnique();
            e.Property(n => n.GroupCode).HasMaxLength(32);
            e.Property(n => n.Text).HasMaxLength(2000);
        });

        modelBuilder.Entity<ConversationRecord>(e =>
        {
            e.HasIndex(c => new { c.Channel, c.ConversationId }).IsUnique();
            e.Property(c => c.Channel).HasMaxLength(32);
            e.Property(c => c.ConversationId).HasMaxLength(256);
            e.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<ProcessedActivity>(e =>
        {
            e.HasKey(p => new { p.Channel, p.ActivityId });
            e.Property(p => p.Channel).HasMaxLength(32);
            e.Property(p => p.ActivityId).HasMaxLength(256);
            e.HasIndex(p => p.ProcessedAt);
        });
    }
}
