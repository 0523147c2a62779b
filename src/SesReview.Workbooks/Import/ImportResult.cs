using System.Diagnostics.CodeAnalysis;

namespace SesReview.Workbooks.Import;

/// <summary>
/// The outcome of an import: either a value or the complete list of errors, never both and never partial data.
/// </summary>
public sealed class ImportResult<T> where T : class
{
    private ImportResult(T? value, IReadOnlyList<ImportError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The imported value; null exactly when <see cref="Errors"/> is not empty.</summary>
    public T? Value { get; }

    /// <summary>Every problem found, in file order (row-level problems first, then cross-checks).</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    public static ImportResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    public static ImportResult<T> Failure(IReadOnlyList<ImportError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failed import needs at least one error.", nameof(errors))
            : new ImportResult<T>(null, errors);

    /// <summary>The value, or an <see cref="ImportFailedException"/> carrying every error.</summary>
    public T GetValueOrThrow() => Value ?? throw new ImportFailedException(Errors);
}

/// <summary>Thrown by <see cref="ImportResult{T}.GetValueOrThrow"/>; carries every error of the import.</summary>
public sealed class ImportFailedException(IReadOnlyList<ImportError> errors)
    : Exception($"The import failed with {errors.Count} error(s); first: {errors.FirstOrDefault()}")
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
