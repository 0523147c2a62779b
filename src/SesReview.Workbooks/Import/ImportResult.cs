using System.Diagnostics.CodeAnalysis;

namespace SesReview.Workbooks.Import;

/// <summary>
/// The outcome of an import: either a value or the errors, never both and never partial data. A failure keeps the
/// first <see cref="MaxReportedErrors"/> errors and the total count, so a file with an error on every one of
/// 250,000 rows gives a short answer.
/// </summary>
public sealed class ImportResult<T> where T : class
{
    /// <summary>Most errors a failed import carries; <see cref="TotalErrorCount"/> says how many were found.</summary>
    public const int MaxReportedErrors = 100;

    private ImportResult(T? value, IReadOnlyList<ImportError> errors, int totalErrorCount)
    {
        Value = value;
        Errors = errors;
        TotalErrorCount = totalErrorCount;
    }

    /// <summary>The imported value; null exactly when <see cref="Errors"/> is not empty.</summary>
    public T? Value { get; }

    /// <summary>The first problems found (at most <see cref="MaxReportedErrors"/>), in file order (row-level problems first, then cross-checks).</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>How many problems were found in all; more than <see cref="Errors"/> holds when the list was cut.</summary>
    public int TotalErrorCount { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    public static ImportResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), [], 0);

    public static ImportResult<T> Failure(IReadOnlyList<ImportError> errors) => Failure(errors, errors.Count);

    /// <param name="totalErrorCount">The count found, when <paramref name="errors"/> is already a cut list.</param>
    public static ImportResult<T> Failure(IReadOnlyList<ImportError> errors, int totalErrorCount) =>
        errors.Count == 0
            ? throw new ArgumentException("A failed import needs at least one error.", nameof(errors))
            : new ImportResult<T>(null, errors.Count <= MaxReportedErrors ? errors : [.. errors.Take(MaxReportedErrors)],
                Math.Max(totalErrorCount, errors.Count));

    /// <summary>The value, or an <see cref="ImportFailedException"/> carrying the errors.</summary>
    public T GetValueOrThrow() => Value ?? throw new ImportFailedException(Errors, TotalErrorCount);
}

/// <summary>Thrown by <see cref="ImportResult{T}.GetValueOrThrow"/>; carries the import's (first) errors and their total count.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportError> errors, int totalErrorCount)
    : Exception($"The import failed with {totalErrorCount} error(s); first: {errors.FirstOrDefault()}")
{
    public ImportFailedException(IReadOnlyList<ImportError> errors) : this(errors, errors.Count) { }

    public IReadOnlyList<ImportError> Errors { get; } = errors;

    public int TotalErrorCount { get; } = totalErrorCount;
}
