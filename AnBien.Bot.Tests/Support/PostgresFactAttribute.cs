namespace AnBien.Bot.Tests.Support;

/// <summary>A test that needs PostgreSQL: reported as skipped, with the reason, where ANBIEN_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.PostgresAvailable) Skip = $"{TestDatabase.PostgresVariable} is not set; this test needs PostgreSQL.";
    }
}
