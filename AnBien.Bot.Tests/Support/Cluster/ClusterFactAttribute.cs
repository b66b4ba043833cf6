namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// A test of the two-instance cluster: reported as skipped, with the reason, where PostgreSQL or nginx is missing,
/// unless ANBIEN_REQUIRE_CLUSTER=1 (set by .ci/run), where the missing piece fails the test instead.
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (ClusterFixture.Missing is { } missing && !ClusterFixture.Required) Skip = missing;
    }
}
