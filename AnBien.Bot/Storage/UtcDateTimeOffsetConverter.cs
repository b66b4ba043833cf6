using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AnBien.Bot.Storage;

public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
