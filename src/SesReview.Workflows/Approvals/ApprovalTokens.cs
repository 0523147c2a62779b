using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SesReview.Workflows.Approvals;

/// <summary>
/// Signs and checks task-link tokens: <c>base64url(claims JSON) "." base64url(HMAC-SHA256(key, claims JSON))</c>.
/// The claims are readable, not secret; what the token proves is that this system issued exactly these claims. The
/// signature is compared in constant time. Whether the approver still holds the task is checked against the task
/// record by <see cref="ApprovalService"/>, not here.
/// </summary>
public sealed class ApprovalTokens
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public ApprovalTokens(ApprovalOptions options, TimeProvider time)
    {
        options.Validate();
        _key = Encoding.UTF8.GetBytes(options.SigningKey!);
        _time = time;
    }

    public string Create(TaskTokenClaims claims)
    {
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(claims.CycleId, claims.TaskId, claims.ApproverEmail.ToLowerInvariant(), claims.ExpiresAt.ToUnixTimeSeconds()));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>Checks signature, then expiry. <paramref name="claims"/> is set only when the result is <see cref="TokenFailure.None"/>.</summary>
    public TokenFailure Validate(string? token, out TaskTokenClaims? claims)
    {
        claims = null;
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return TokenFailure.Forged;
        int dot = token.IndexOf('.');
        if (dot <= 0 || dot != token.LastIndexOf('.')) return TokenFailure.Forged;
        if (!TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature))
            return TokenFailure.Forged;
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload))) return TokenFailure.Forged;

        Payload? p;
        try { p = JsonSerializer.Deserialize<Payload>(payload); }
        catch (JsonException) { return TokenFailure.Forged; }
        if (p is null || p.c is null || p.t is null || p.a is null) return TokenFailure.Forged;

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(p.e);
        if (_time.GetUtcNow() >= expiresAt) return TokenFailure.Expired;
        claims = new TaskTokenClaims(p.c, p.t, p.a, expiresAt);
        return TokenFailure.None;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !Base64Url.IsValid(text)) return false;
        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    // Short property names keep links short.
    private sealed record Payload(string c, string t, string a, long e);
}
