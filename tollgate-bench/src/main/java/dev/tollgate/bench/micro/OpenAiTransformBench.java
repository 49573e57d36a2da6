package dev.tollgate.bench.micro;

import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.CallTarget;
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
 * The adapter transforms, without I/O: an already-parsed OpenAI request to the provider's {@link HttpCall}
 * ({@code OpenAiCompatibleAdapter.chatCall}: request to tree, shape the body, URL, headers, tree to bytes) for the
 * {@code openai} row and the {@code azure} row (deployment in the path, {@code api-key} header, api-version query), each
 * with a CallTarget resolved once in setup as {@code Router.route} would; and the reply back
 * ({@code chatResponse} on the ~1 KB {@code bench-fixtures/chat-reply.json} as an {@link HttpReply}).
 * {@code chatResponseWrite} adds the {@code Json.write} the gateway does before answering the client, i.e. the whole
 * non-streaming reply path that byte passthrough would replace.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenAiTransformBench {
  ChatRequest request;
  Provider openai;
  Provider azure;
  CallTarget openaiTarget;
  CallTarget azureTarget;
  HttpReply reply;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    request = ControlParams.strip(Json.read(BenchFixtures.bytes(ChatRequestCodecBench.FIXTURE), ChatRequest.class));
    ProviderRegistry registry = ProviderRegistry.defaults();
    openai = registry.find("openai").orElseThrow();
    azure = registry.find("azure").orElseThrow();
    Map<String, String> env = Map.of();
    openaiTarget = openai.resolve(new CallTarget("openai", "gpt-4o", null, "sk-bench-openai-key-000000000000000000000000",
        null, Duration.ofSeconds(600), Map.of("openai-organization", "org-bench"), null, false), env);
    azureTarget = azure.resolve(new CallTarget("azure", "gpt-4o-prod-eu", "https://northwind-eu.openai.azure.com/",
        "0123456789abcdef0123456789abcdef", null, Duration.ofSeconds(600), null, null, false), env);
    reply = new HttpReply(200, Map.of(
        "content-type", List.of("application/json"),
        "x-request-id", List.of("req_4b7c1f0e9d2a"),
        "openai-processing-ms", List.of("812")), BenchFixtures.bytes("chat-reply.json"));
  }

  @Benchmark
  public HttpCall chatCallOpenai() {
    return openai.chat().chatCall(request, openaiTarget);
  }

  @Benchmark
  public HttpCall chatCallAzure() {
    return azure.chat().chatCall(request, azureTarget);
  }

  @Benchmark
  public ChatResponse chatResponse() {
    return openai.chat().chatResponse(reply, openaiTarget);
  }

  @Benchmark
  public byte[] chatResponseWrite() {
    return Json.write(openai.chat().chatResponse(reply, openaiTarget));
  }
}
