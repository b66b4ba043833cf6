using System.Globalization;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries.Tallies;
using Npgsql;
using NpgsqlTypes;

namespace AnBien.Bot.SummaryBenchmark;

/// <summary>
/// A province written with binary COPY: a root, 40 departments, the rest leaf units (the first with 500 people), the
/// staff spread over the leaves, a closed period per month (the last one open), every person on each roster, 88% of
/// them submitting every item.
/// </summary>
public sealed record ProvinceData(string Root, string BigUnit, int BigUnitSize, IReadOnlyList<string> SmallUnits, string LastMonth, long Assessments, long Answers)
{
    private const int Departments = 40, BigUnitSize500 = 500;
    private static readonly DateOnly Last = new(2026, 11, 1);

    public static async Task<ProvinceData> GenerateAsync(IServiceProvider services, string connectionString, SummaryBenchOptions options)
    {
        var random = new Random(118);
        var catalogues = services.GetRequiredService<CatalogueRegistry>();
        var form = catalogues.Current;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var units = await connection.BeginBinaryImportAsync("""COPY "Units" ("Id", "Code", "Name", "ParentId", "Active") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var id = 1; id <= options.Units; id++)
            {
                await units.StartRowAsync();
                await units.WriteAsync(id, NpgsqlDbType.Integer);
                await units.WriteAsync(UnitCode(id), NpgsqlDbType.Varchar);
                await units.WriteAsync(id == 1 ? "UBND tỉnh" : $"Đơn vị {id}", NpgsqlDbType.Varchar);
                if (id == 1) await units.WriteNullAsync();
                else await units.WriteAsync(id <= Departments + 1 ? 1 : 2 + id % Departments, NpgsqlDbType.Integer);
                await units.WriteAsync(true, NpgsqlDbType.Boolean);
            }

            await units.CompleteAsync();
        }

        // Unit ids Departments+2 … Units are leaves; the first of them holds 500 people.
        var firstLeaf = Departments + 2;
        var staffUnit = new int[options.Staff + 1];
        await using (var staff = await connection.BeginBinaryImportAsync("""COPY "Staff" ("Id", "Code", "FullName", "UnitId", "Roles", "Active", "Language") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var id = 1; id <= options.Staff; id++)
            {
                staffUnit[id] = id <= BigUnitSize500 ? firstLeaf : firstLeaf + 1 + id % (options.Units - firstLeaf);
                await staff.StartRowAsync();
                await staff.WriteAsync(id, NpgsqlDbType.Integer);
                await staff.WriteAsync($"CB{id:000000}", NpgsqlDbType.Varchar);
                await staff.WriteAsync($"Cán bộ {id}", NpgsqlDbType.Varchar);
                await staff.WriteAsync(staffUnit[id], NpgsqlDbType.Integer);
                await staff.WriteAsync((int)StaffRoles.Staff, NpgsqlDbType.Integer);
                await staff.WriteAsync(true, NpgsqlDbType.Boolean);
                await staff.WriteAsync("vi", NpgsqlDbType.Varchar);
            }

            await staff.CompleteAsync();
        }

        var factory = services.GetRequiredService<BotDbContextFactory>();
        await catalogues.EnsureSnapshotsAsync(factory, [catalogues.Current.Catalogue], DateTimeOffset.UtcNow, default);
        var last = Last;
        var months = Enumerable.Range(0, options.Months).Select(i => last.AddMonths(i - options.Months + 1)).ToList();
        var periodIds = new List<int>();
        await using (var db = factory.Create())
        {
            foreach (var m in months)
            {
                var opens = new DateTimeOffset(m.Year, m.Month, 25, 0, 0, 0, TimeSpan.Zero);
                var period = new Period
                {
                    Month = m.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    OpensAt = opens,
                    ClosesAt = opens.AddDays(11),
                    ClosedAt = m == last ? null : opens.AddDays(11),
                    CatalogueId = form.Catalogue.Id,
                    CatalogueVersion = form.Catalogue.Version,
                };
                db.Periods.Add(period);
                await db.SaveChangesAsync();
                periodIds.Add(period.Id);
            }
        }

        await using (var roster = await connection.BeginBinaryImportAsync("""COPY "PeriodRoster" ("PeriodId", "StaffId", "UnitId", "Submitted") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var periodId in periodIds)
            {
                for (var id = 1; id <= options.Staff; id++)
                {
                    await roster.StartRowAsync();
                    await roster.WriteAsync(periodId, NpgsqlDbType.Integer);
                    await roster.WriteAsync(id, NpgsqlDbType.Integer);
                    await roster.WriteAsync(staffUnit[id], NpgsqlDbType.Integer);
                    // Marked after the assessments are written (PeriodRoster.RebuildMarksSql below).
                    await roster.WriteAsync(false, NpgsqlDbType.Boolean);
                }
            }

            await roster.CompleteAsync();
        }

        // Answers load without their unique index, which is built once afterwards (much faster than row by row), and
        // without the foreign key, since they stream beside their assessments; this database is thrown away after the run.
        await Execute(connection, """DROP INDEX "IX_Answers_AssessmentId_ItemCode" """);
        await Execute(connection, """ALTER TABLE "Answers" DROP CONSTRAINT "FK_Answers_Assessments_AssessmentId" """);
        long assessmentId = 0, answerId = 0;
        var at = DateTime.UtcNow;
        await using (var assessments = await connection.BeginBinaryImportAsync("""
            COPY "Assessments" ("Id", "StaffId", "PeriodId", "UnitId", "Status", "StartedAt", "UpdatedAt", "SubmittedAt", "Step", "Cursor",
                "ReturnToReview", "GoodDeed", "TotalPoints", "MaxPoints", "ProposedClassification") FROM STDIN (FORMAT BINARY)
            """))
        await using (var answerConnection = new NpgsqlConnection(connectionString))
        {
            await answerConnection.OpenAsync();
            await using var answers = await answerConnection.BeginBinaryImportAsync("""COPY "Answers" ("Id", "AssessmentId", "ItemCode", "ChoiceCode", "Points", "AnsweredAt") FROM STDIN (FORMAT BINARY)""");
            foreach (var periodId in periodIds)
            {
                for (var id = 1; id <= options.Staff; id++)
                {
                    if (random.NextDouble() > 0.88) continue;
                    assessmentId++;
                    var total = 0;
                    foreach (var q in form.Questions)
                    {
                        var choices = q.Scale.Choices;
                        var choice = q.Item.Breach ? choices[random.NextDouble() < 0.97 ? 0 : 1] : choices[random.NextDouble() switch { < 0.6 => 0, < 0.9 => 1, _ => 2 }];
                        total += choice.Points;
                        await answers.StartRowAsync();
                        await answers.WriteAsync(++answerId, NpgsqlDbType.Bigint);
                        await answers.WriteAsync(assessmentId, NpgsqlDbType.Bigint);
                        await answers.WriteAsync(q.Item.Code, NpgsqlDbType.Varchar);
                        await answers.WriteAsync(choice.Code, NpgsqlDbType.Varchar);
                        await answers.WriteAsync(choice.Points, NpgsqlDbType.Integer);
                        await answers.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    }

                    total = Math.Max(0, total);
                    await assessments.StartRowAsync();
                    await assessments.WriteAsync(assessmentId, NpgsqlDbType.Bigint);
                    await assessments.WriteAsync(id, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(periodId, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(staffUnit[id], NpgsqlDbType.Integer);
                    await assessments.WriteAsync((int)AssessmentStatus.Submitted, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await assessments.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await assessments.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await assessments.WriteAsync("done", NpgsqlDbType.Varchar);
                    await assessments.WriteAsync(0, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(false, NpgsqlDbType.Boolean);
                    if (random.NextDouble() < 0.1) await assessments.WriteAsync("Giúp đỡ người dân làm thủ tục", NpgsqlDbType.Varchar);
                    else await assessments.WriteNullAsync();
                    await assessments.WriteAsync(total, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(form.MaxPoints, NpgsqlDbType.Integer);
                    await assessments.WriteAsync(form.Catalogue.Classification.Classify(Math.Round(100m * total / form.MaxPoints, 1)).Code, NpgsqlDbType.Varchar);
                }
            }

            await answers.CompleteAsync();
            await assessments.CompleteAsync();
        }

        await Execute(connection, """CREATE UNIQUE INDEX "IX_Answers_AssessmentId_ItemCode" ON "Answers" ("AssessmentId", "ItemCode")""");
        // COPY bypasses the bot's saves, which keep the tallies and the roster's marks; grouped passes fill them as the bot would have.
        await Execute(connection, TallyRecompute.RebuildSql);
        await Execute(connection, PeriodRoster.RebuildMarksSql);
        await Execute(connection, "ANALYZE");
        return Describe(options, assessmentId, answerId);
    }

    /// <summary>A province generated earlier with the same options, counted rather than regenerated.</summary>
    public static async Task<ProvinceData> CountAsync(string connectionString, SummaryBenchOptions options)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var assessments = new NpgsqlCommand("""SELECT count(*) FROM "Assessments" """, connection);
        await using var answers = new NpgsqlCommand("""SELECT count(*) FROM "Answers" """, connection);
        return Describe(options, (long)(await assessments.ExecuteScalarAsync())!, (long)(await answers.ExecuteScalarAsync())!);
    }

    private static ProvinceData Describe(SummaryBenchOptions options, long assessments, long answers)
    {
        var firstLeaf = Departments + 2;
        return new ProvinceData(UnitCode(1), UnitCode(firstLeaf), BigUnitSize500,
            Enumerable.Range(firstLeaf + 1, Math.Min(21, options.Units - firstLeaf - 1)).Select(UnitCode).ToList(),
            Last.ToString("yyyy-MM", CultureInfo.InvariantCulture), assessments, answers);
    }

    private static string UnitCode(int id) => $"DV{id:0000}";

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
