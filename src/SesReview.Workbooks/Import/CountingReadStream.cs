namespace SesReview.Workbooks.Import;

/// <summary>
/// A read-only stream over a decompressing stream that counts the bytes actually produced and throws an
/// <see cref="ImportLimitException"/> once they pass the limit, whatever the ZIP headers declared.
/// </summary>
internal sealed class CountingReadStream(Stream inner, long limit, Func<ImportError> tooLarge) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit) throw new ImportLimitException(tooLarge());
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
