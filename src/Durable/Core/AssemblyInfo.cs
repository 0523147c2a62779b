using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Durable.Tests")]
