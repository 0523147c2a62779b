using Azure.Core.Serialization;
using Microsoft.DurableTask;
using SesReview.Workflows.Storage;

namespace SesReview.Functions.Durable;

/// <summary>
/// The worker's <see cref="ObjectSerializer"/> made of <see cref="WorkflowJson.DurablePayloads"/>. The Functions Durable
/// extension ignores a <c>DataConverter</c> set in DI or on <c>DurableTaskWorkerOptions</c>/<c>DurableTaskClientOptions</c>:
/// it post-configures both with a shim over <c>WorkerOptions.Serializer</c>, and binds <c>[ActivityTrigger]</c> inputs
/// with that serializer directly. Setting the worker's serializer to the product's one converter is therefore the one
/// place that makes orchestration inputs, outputs, activity payloads and events read the same on every host.
/// </summary>
public sealed class DurablePayloadSerializer(DataConverter converter) : ObjectSerializer
{
    public static DurablePayloadSerializer Instance { get; } = new(WorkflowJson.DurablePayloads);

    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(converter.Serialize(value) ?? "null");
    }

    public override async ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await writer.WriteAsync((converter.Serialize(value) ?? "null").AsMemory(), cancellationToken);
    }

    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        return Read(reader.ReadToEnd(), returnType);
    }

    public override async ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        return Read(await reader.ReadToEndAsync(cancellationToken), returnType);
    }

    /// <summary>An empty payload is no value (an activity called without input), as the SDK's own converter treats it.</summary>
    private object? Read(string text, Type returnType) => text.Length == 0 ? null : converter.Deserialize(text, returnType);
}
