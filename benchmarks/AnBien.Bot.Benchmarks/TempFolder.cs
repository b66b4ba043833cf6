namespace AnBien.Bot.Benchmarks;

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("anbien-bench-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
