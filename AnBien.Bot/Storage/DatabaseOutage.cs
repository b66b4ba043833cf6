using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace AnBien.Bot.Storage;

/// <summary>Whether an exception means the database could not be reached or did not answer, after EF's own retries.</summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or RetryLimitExceededException or TimeoutException) return true;
        }

        return false;
    }
}
