package dev.tollgate.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatRequest;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every micro-benchmark method once, directly (setup, then the method; no JMH harness, no timing), so a broken
 * fixture or code path fails the build instead of a benchmark run.
 */
class MicroBenchSmokeTest {
  private static Blackhole blackhole() {
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  @Test
  void chatRequestCodec() throws Exception {
    ChatRequestCodecBench b = new ChatRequestCodecBench();
    b.setup();
    ChatRequest parsed = b.parse();
    assertThat(parsed.model()).isEqualTo("gpt-4o");
    assertThat(parsed.messages()).hasSize(6);
    assertThat(parsed.tools()).hasSize(1);
    assertThat(parsed.responseFormat()).isNotNull();
    assertThat(parsed.extra()).containsKeys("reasoning_effort", "prompt_cache_key", "store", "logit_bias");
    assertThat(b.parseDirect()).isEqualTo(parsed);
    assertThat(b.treeOnly().get("messages").size()).isEqualTo(6);
    assertThat(new String(b.serialize(), StandardCharsets.UTF_8)).contains("\"prompt_cache_key\"");
    assertThat(b.roundTrip()).isEqualTo(b.serialize());
  }

  @Test
  void openAiTransform() throws Exception {
    OpenAiTransformBench b = new OpenAiTransformBench();
    b.setup();
    HttpCall openai = b.chatCallOpenai();
    assertThat(openai.url()).isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(openai.headers()).containsKey("authorization");
    HttpCall azure = b.chatCallAzure();
    assertThat(azure.url()).startsWith(
        "https://northwind-eu.openai.azure.com/openai/deployments/gpt-4o-prod-eu/chat/completions?api-version=");
    assertThat(azure.headers()).containsKey("api-key");
    assertThat(new String(azure.body(), StandardCharsets.UTF_8)).contains("\"model\":\"gpt-4o-prod-eu\"");
    assertThat(b.chatResponse().choices()).hasSize(1);
    assertThat(b.chatResponseWrite()).isNotEmpty();
  }

  @Test
  void streamChunk() {
    StreamChunkBench b = new StreamChunkBench();
    b.setup();
    Blackhole bh = blackhole();
    for (int i = 0; i < 3; i++) {
      b.decodeChunk(bh);
      b.relayChunk(bh);
      b.sseOnly(bh);
    }
    assertThat(b.decoder.isDone()).isFalse();
    assertThat(b.decoder.feed(b.event)).hasSize(1);
    Buffer framed = b.serializeChunk();
    assertThat(framed.toString(StandardCharsets.UTF_8)).startsWith("data: {").endsWith("}\n\n")
        .contains("a compact umbrella");
  }

  @ParameterizedTest
  @ValueSource(strings = {"distinct", "group", "wildcard"})
  void routerPick(String shape) {
    RouterPickBench b = new RouterPickBench();
    b.shape = shape;
    b.setup();
    assertThat(b.pick()).isPresent();
    var route = b.route().orElseThrow();
    assertThat(route.target().provider()).isEqualTo("openai");
    if (shape.equals("wildcard")) {
      assertThat(route.target().model()).isEqualTo("gpt-4o-mini");
    }
    if (shape.equals("distinct")) {
      assertThat(route.target().model()).isEqualTo("gpt-4o-variant-57");
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "1, simple-shuffle", "10, simple-shuffle", "100, simple-shuffle",
      "1, usage-based-routing-v2", "10, usage-based-routing-v2", "100, usage-based-routing-v2"})
  void routerSelect(int deployments, String strategy) {
    RouterSelectBench b = new RouterSelectBench();
    b.deployments = deployments;
    b.strategy = strategy;
    b.setup();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(b.select().toCompletableFuture().join().deployment().id());
    }
    assertThat(seen).isNotEmpty().allMatch(id -> id.startsWith("dep-"));
    if (strategy.equals("simple-shuffle")) { // weighted random: 200 picks reach several deployments
      assertThat(seen.size()).isGreaterThanOrEqualTo(Math.min(deployments, 5));
    }
  }

  @Test
  void masterKeyCheck() throws Exception {
    MasterKeyCheckBench b = new MasterKeyCheckBench();
    b.setup();
    assertThat(b.masterKeyCheck()).isFalse();
    assertThat(b.sha256Key()).hasSize(32);
    assertThat(b.sha256KeyHex()).hasSize(64);
    b.masterKeyCheckPlusSha256(blackhole());
  }

  @Test
  void keyCache() throws Exception {
    KeyCacheBench b = new KeyCacheBench();
    b.setup();
    try {
      for (int i = 0; i < KeyCacheBench.KEYS; i++) {
        assertThat(b.lookupCached()).isPresent();
      }
      assertThat(b.hashOnly()).hasSize(64);
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"timeOrdered, current", "random, v6"})
  void spendWrite(String ids, String indexes) throws Exception {
    SpendWriteBench b = new SpendWriteBench();
    b.ids = ids;
    b.indexes = indexes;
    b.prefill = 2 * SpendWriteBench.BATCH;
    b.setup();
    try {
      b.writeBatch();
      long rows = b.database.run(c -> {
        try (var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM tg_spend_logs")) {
          r.next();
          return r.getLong(1);
        }
      }).join();
      assertThat(rows).isEqualTo(3L * SpendWriteBench.BATCH);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void anthropicTransform() throws Exception {
    AnthropicTransformBench b = new AnthropicTransformBench();
    b.setup();
    HttpCall call = b.chatCall();
    assertThat(call.url()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(call.headers()).containsKey("x-api-key");
    assertThat(new String(call.body(), StandardCharsets.UTF_8)).contains("\"max_tokens\":").contains("\"system\":");
    assertThat(b.chatResponse().choices().get(0).message().toolCalls()).hasSize(2);
    assertThat(b.relayStream()).hasSize(9);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100})
  void routerRoute(int deployments) {
    RouterRouteBench b = new RouterRouteBench();
    b.deployments = deployments;
    b.setup();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      var routed = b.route();
      assertThat(routed.value()).isEqualTo("ok");
      seen.add(routed.pick().deployment().id());
    }
    assertThat(seen).hasSizeBetween(1, deployments).allMatch(id -> id.startsWith("dep-"));
    assertThat(b.router.state().inFlight("dep-0")).isZero();
  }

  @Test
  void guardrails() {
    GuardrailsBench b = new GuardrailsBench();
    b.setup();
    assertThat(b.prompt.get(0).length()).isBetween(1900, 2200);
    assertThat(b.pii()).isInstanceOfSatisfying(dev.tollgate.gateway.guardrails.Verdict.Masked.class,
        m -> assertThat(m.entities()).containsExactlyInAnyOrder("EMAIL_ADDRESS", "PHONE_NUMBER"));
    assertThat(b.secrets()).isEqualTo(dev.tollgate.gateway.guardrails.Verdict.PASS);
    assertThat(b.keywords()).isEqualTo(dev.tollgate.gateway.guardrails.Verdict.PASS);
    assertThat(b.injection()).isEqualTo(dev.tollgate.gateway.guardrails.Verdict.PASS);
    assertThat(b.topics()).isEqualTo(dev.tollgate.gateway.guardrails.Verdict.PASS);
    assertThat(b.maxInput()).isEqualTo(dev.tollgate.gateway.guardrails.Verdict.PASS);
    assertThat(b.all()).isZero();
    assertThat(new String(b.requestHooks(), java.nio.charset.StandardCharsets.UTF_8)).contains("choices");
  }

  @Test
  void guardedStreamBenchRelaysTheStreamEveryWay() {
    GuardedStreamBench b = new GuardedStreamBench();
    b.setup();
    assertThat(b.events).hasSize(19);
    int plain = b.relayed(null);
    assertThat(plain).isEqualTo(18); // every event but [DONE]
    assertThat(b.relayed(b.blockOnly)).isEqualTo(plain);
    assertThat(b.relayed(b.windowed)).isBetween(6, plain); // text held back: fewer frames
    assertThat(b.relayed(b.whole)).isBetween(6, plain);
    Blackhole bh = blackhole();
    b.plain(bh);
    b.blockOnly(bh);
    b.windowedMask(bh);
    b.wholeMask(bh);
  }
}
