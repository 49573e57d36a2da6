package dev.tollgate.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.guardrails.GuardedStreamRelay;
import dev.tollgate.gateway.guardrails.GuardrailConfig;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.gateway.guardrails.StreamEndGate;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * One whole OpenAI stream ({@code stream-masking.sse}: 19 events, about 640 characters of text with two e-mail
 * addresses and a card number split across chunks, a tool call and a usage chunk) relayed event by event, per
 * invocation, through the OpenAI relay:
 *
 * <ul>
 *   <li>{@code plain}: the relay alone, as a stream without post-call guardrails is relayed;
 *   <li>{@code blockOnly}: behind a post-call guardrail that can only block ({@code tollgate/keywords}), which checks
 *       the text as it flows and never rewrites a frame;
 *   <li>{@code windowedMask}: behind {@code tollgate/pii} post-call, masking as the text flows (window of 330
 *       characters), the end released;
 *   <li>{@code wholeMask}: behind {@code hide-secrets} post-call, holding the whole stream and replaying it.
 * </ul>
 *
 * Each invocation builds the request's guardrails and a fresh relay, as a request does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GuardedStreamBench {
  List<byte[]> events;
  ChatAdapter openai;
  CallTarget target;
  GuardrailSet blockOnly;
  GuardrailSet windowed;
  GuardrailSet whole;

  @Setup(Level.Trial)
  public void setup() {
    events = new ArrayList<>();
    for (String e : new String(BenchFixtures.bytes("stream-masking.sse"), StandardCharsets.UTF_8).split("\n\n")) {
      if (!e.isBlank()) {
        events.add((e + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    openai = ProviderRegistry.defaults().find("openai").orElseThrow().chat();
    target = CallTarget.of("openai", "gpt-recorded");
    blockOnly = set("{\"guardrail_name\": \"g\", \"litellm_params\": {\"guardrail\": \"tollgate/keywords\", "
        + "\"mode\": \"post_call\", \"default_on\": true, \"keywords\": [\"project zeus\"]}}");
    windowed = set("{\"guardrail_name\": \"g\", \"litellm_params\": {\"guardrail\": \"tollgate/pii\", "
        + "\"mode\": \"post_call\", \"default_on\": true}}");
    whole = set("{\"guardrail_name\": \"g\", \"litellm_params\": {\"guardrail\": \"hide-secrets\", "
        + "\"mode\": \"post_call\", \"default_on\": true}}");
  }

  private static GuardrailSet set(String entry) {
    JsonNode node = Json.tree(entry.getBytes(StandardCharsets.UTF_8));
    return GuardrailConfig.read(List.of(node));
  }

  @Benchmark
  public void plain(Blackhole bh) {
    relay(openai.chatStreamRelay(target), bh);
  }

  @Benchmark
  public void blockOnly(Blackhole bh) {
    relay(guarded(blockOnly), bh);
  }

  @Benchmark
  public void windowedMask(Blackhole bh) {
    relay(guarded(windowed), bh);
  }

  @Benchmark
  public void wholeMask(Blackhole bh) {
    relay(guarded(whole), bh);
  }

  /** The frames a client gets for the whole stream (counted, so the bench's smoke test can check them). */
  int relayed(GuardrailSet set) {
    int[] frames = {0};
    ChatStreamRelay relay = set == null ? openai.chatStreamRelay(target) : guarded(set);
    for (byte[] e : events) {
      frames[0] += relay.feed(e).size();
    }
    if (relay instanceof StreamEndGate gate && gate.gatesEnd()) {
      frames[0] += gate.release().result().size();
    }
    return frames[0];
  }

  private ChatStreamRelay guarded(GuardrailSet set) {
    RequestGuardrails guards = RequestGuardrails.of(set, Json.object(), null, null, null, GuardrailMetrics.NONE);
    return GuardedStreamRelay.wrap(openai.chatStreamRelay(target), guards);
  }

  private void relay(ChatStreamRelay relay, Blackhole bh) {
    for (byte[] e : events) {
      bh.consume(relay.feed(e));
    }
    if (relay instanceof StreamEndGate gate && gate.gatesEnd()) {
      bh.consume(gate.release().result());
    }
  }
}
