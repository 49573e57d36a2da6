package dev.tollgate.bench.micro;

import dev.tollgate.providers.openai.OpenAiStreamDecoder;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamRelay;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-chunk stream translation. Each invocation is one upstream SSE event ({@code bench-fixtures/stream-chunk.sse}, a
 * realistic {@code data: {chat.completion.chunk}\n\n}, ~310 bytes) arriving in one network read.
 *
 * <ul>
 *   <li>{@code decodeChunk}: {@code OpenAiStreamDecoder.feed(bytes)} on one decoder that lives across invocations, as
 *       it lives across a stream. The fixture holds no {@code [DONE]}, so the decoder never finishes.
 *   <li>{@code serializeChunk}: ChatChunk to the bytes the gateway writes, exactly as {@code StreamRelay} builds them
 *       ({@code "data: " + Json.write(chunk) + "\n\n"} in a Vert.x Buffer).
 *   <li>{@code relayChunk}: both, the gateway's whole per-chunk work.
 *   <li>{@code sseOnly}: {@code SseDecoder.feed(bytes)} alone, no JSON: the floor for a relay that decodes events
 *       to text.
 *   <li>{@code passthroughChunk}: what the gateway does per event of an OpenAI-format upstream (the relay of
 *       {@code openai/*} and every OpenAI-compatible provider): the relay's {@code feed} on a fresh copy of the read,
 *       as {@code StreamRelay} gets it from the network buffer, and the frame wrapped for the client.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamChunkBench {
  byte[] event;
  ChatChunk chunk;
  OpenAiStreamDecoder decoder;
  SseDecoder sse;
  ChatStreamRelay passthrough;

  @Setup(Level.Trial)
  public void setup() {
    event = BenchFixtures.bytes("stream-chunk.sse");
    decoder = new OpenAiStreamDecoder("openai", "gpt-4o");
    sse = new SseDecoder();
    passthrough = ProviderRegistry.defaults().find("openai").orElseThrow().chat()
        .chatStreamRelay(CallTarget.of("openai", "gpt-4o"));
    List<ChatChunk> first = new OpenAiStreamDecoder("openai", "gpt-4o").feed(event);
    if (first.size() != 1) {
      throw new IllegalStateException("stream-chunk.sse must hold exactly one complete chunk event, got " + first.size());
    }
    chunk = first.get(0);
  }

  @Benchmark
  public void decodeChunk(Blackhole bh) {
    List<ChatChunk> chunks = decoder.feed(event);
    for (int i = 0; i < chunks.size(); i++) {
      bh.consume(chunks.get(i));
    }
  }

  @Benchmark
  public Buffer serializeChunk() {
    return frame(chunk);
  }

  @Benchmark
  public void relayChunk(Blackhole bh) {
    List<ChatChunk> chunks = decoder.feed(event);
    for (int i = 0; i < chunks.size(); i++) {
      bh.consume(frame(chunks.get(i)));
    }
  }

  @Benchmark
  public void sseOnly(Blackhole bh) {
    List<SseEvent> events = sse.feed(event);
    for (int i = 0; i < events.size(); i++) {
      bh.consume(events.get(i));
    }
  }

  @Benchmark
  public void passthroughChunk(Blackhole bh) {
    List<byte[]> frames = passthrough.feed(event.clone());
    for (int i = 0; i < frames.size(); i++) {
      bh.consume(BufferInternal.buffer(Unpooled.wrappedBuffer(frames.get(i))));
    }
  }

  /** What StreamRelay.onBytes writes for one chunk. */
  static Buffer frame(ChatChunk chunk) {
    Buffer out = Buffer.buffer(chunk.choices().size() + 256);
    out.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
    return out;
  }
}
