package dev.tollgate.bench.micro;

import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * The Anthropic adapter's transforms, without I/O: the OpenAI request of {@code chat-request.json} translated to a
 * Messages API call (system extraction, turn merging, tools, JSON-mode tool, {@code max_tokens} from the price table;
 * {@code drop_params} on, since the fixture carries OpenAI-only fields); an Anthropic reply
 * ({@code anthropic-reply.json}: text and two tool uses) to a {@code chat.completion}; and a whole Anthropic stream
 * ({@code anthropic-stream.sse}, 15 events) relayed as OpenAI SSE frames.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AnthropicTransformBench {
  ChatRequest request;
  Provider anthropic;
  CallTarget target;
  HttpReply reply;
  byte[] stream;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    request = ControlParams.strip(Json.read(BenchFixtures.bytes(ChatRequestCodecBench.FIXTURE), ChatRequest.class));
    anthropic = ProviderRegistry.defaults().find("anthropic").orElseThrow();
    target = anthropic.resolve(new CallTarget("anthropic", "claude-sonnet-4-5", null,
        "sk-ant-bench-key-000000000000000000000000", null, Duration.ofSeconds(600), null, null, true), Map.of());
    reply = new HttpReply(200, Map.of("content-type", List.of("application/json"),
        "request-id", List.of("req_011CSHoEeqs5C35K2UUqR7Fy")), BenchFixtures.bytes("anthropic-reply.json"));
    stream = BenchFixtures.bytes("anthropic-stream.sse");
  }

  @Benchmark
  public HttpCall chatCall() {
    return anthropic.chat().chatCall(request, target);
  }

  @Benchmark
  public ChatResponse chatResponse() {
    return anthropic.chat().chatResponse(reply, target);
  }

  @Benchmark
  public List<byte[]> relayStream() {
    ChatStreamRelay relay = anthropic.chat().chatStreamRelay(target);
    return relay.feed(stream);
  }
}
