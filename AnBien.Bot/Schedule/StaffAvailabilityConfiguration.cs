using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnBien.Bot.Schedule;

public sealed class StaffAvailabilityConfiguration : IEntityTypeConfiguration<StaffAvailability>
{
    public void Configure(EntityTypeBuilder<StaffAvailability> builder)
    {
        builder.ToTable("StaffAvailability");
        builder.HasKey(a => a.StaffId);
        builder.HasOne<Storage.Staff>().WithOne().HasForeignKey<StaffAvailability>(a => a.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
