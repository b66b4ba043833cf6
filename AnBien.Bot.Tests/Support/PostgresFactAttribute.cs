namespace AnBien.Bot.Tests.Support;

/// <summary>A test that needs PostgreSQL: reported as skipped, not passed, where ANBIEN_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.PostgresAvailable) Skip = $"PostgreSQL not available ({TestDatabase.PostgresVariable} is not set)";
    }
}
