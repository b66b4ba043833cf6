namespace AnBien.Bot.Tests.Support;

[CollectionDefinition(HeadlessBrowser.Collection, DisableParallelization = true)]
public sealed class HeadlessBrowserCollection;
