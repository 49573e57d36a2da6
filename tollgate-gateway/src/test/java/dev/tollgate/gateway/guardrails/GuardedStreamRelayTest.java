package dev.tollgate.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.anthropic.inbound.PassthroughStreamRelay;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Post-call guardrails on recorded streams ({@code stream/*.sse}) through the real upstream relays: a windowed mask
 * rewrites only the texts, as they flow, split entities included, and leaves tool calls, role, finish and usage
 * frames as they were; a stream held whole is replayed masked at its end; a remote mask applies to a stream; a block
 * cuts; a stream whose guardrails cannot mask is relayed frame for frame.
 */
class GuardedStreamRelayTest {
  private static Vertx vertx;
  private static GuardrailServices services;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    services = new GuardrailServices(vertx, null, null);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String fixture(String name) {
    try (InputStream in = GuardedStreamRelayTest.class.getResourceAsStream("/guardrails/stream/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The fixture's events, as the upstream sends them (one read each). */
  private static List<byte[]> events(String name) {
    List<byte[]> out = new ArrayList<>();
    for (String e : fixture(name).split("\n\n")) {
      if (!e.isBlank()) {
        out.add((e + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static ChatStreamRelay openAiRelay() {
    return ProviderRegistry.defaults().find("openai").orElseThrow().chat()
        .chatStreamRelay(CallTarget.of("openai", "gpt-recorded"));
  }

  private static CallRecord record() {
    return new CallRecord("req-1", "acompletion", System.currentTimeMillis(), "hash", null);
  }

  private static ConfiguredGuardrail entry(String json) {
    return GuardrailConfig.read(List.of(Json.tree(json.getBytes(StandardCharsets.UTF_8)))).all().get(0);
  }

  private static final String PII_OUT = "{\"guardrail_name\": \"pii-out\", \"litellm_params\": {\"guardrail\": "
      + "\"tollgate/pii\", \"mode\": \"post_call\", \"default_on\": true}}";

  private static RequestGuardrails guards(CallRecord record, ConfiguredGuardrail... all) {
    ObjectNode body = Json.object().put("model", "m");
    return RequestGuardrails.of(new GuardrailSet(List.of(all)), body, null, null, record, GuardrailMetrics.NONE,
        services, null);
  }

  /** What the client got: frames written as the events arrive, then the released end. */
  private record Relayed(List<byte[]> frames, List<Integer> writtenAfter) {
    String all() {
      StringBuilder b = new StringBuilder();
      frames.forEach(f -> b.append(new String(f, StandardCharsets.UTF_8)));
      return b.toString();
    }
  }

  private static Relayed relay(ChatStreamRelay relay, List<byte[]> events) throws Exception {
    List<byte[]> out = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      List<byte[]> frames = relay.feed(events.get(i));
      frames.forEach(f -> after.add(0));
      int n = i;
      for (int k = after.size() - frames.size(); k < after.size(); k++) {
        after.set(k, n);
      }
      out.addAll(frames);
    }
    if (relay instanceof StreamEndGate gate && gate.gatesEnd()) {
      List<byte[]> rest = gate.release().await(10, TimeUnit.SECONDS);
      rest.forEach(f -> after.add(events.size()));
      out.addAll(rest);
    }
    return new Relayed(out, after);
  }

  private static JsonNode data(byte[] frame) {
    String text = new String(frame, StandardCharsets.UTF_8);
    String data = text.substring(text.indexOf("data: ") + 6).strip();
    return data.equals("[DONE]") ? null : Json.tree(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Each choice's content as a client assembles it. */
  private static Map<Integer, String> contents(List<byte[]> frames) {
    Map<Integer, String> out = new LinkedHashMap<>();
    for (byte[] f : frames) {
      JsonNode chunk = data(f);
      for (JsonNode c : chunk == null ? Json.MAPPER.createArrayNode() : chunk.path("choices")) {
        if (c.path("delta").path("content").isTextual()) {
          out.merge(c.path("index").asInt(), c.path("delta").path("content").asText(), String::concat);
        }
      }
    }
    return out;
  }

  private static String wholeMasked(ConfiguredGuardrail g, String text) {
    return g.check().check(List.of(text)) instanceof Verdict.Masked m ? m.texts().get(0) : text;
  }

  private static List<String> strings(List<byte[]> frames) {
    return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void aWindowedMaskRewritesOnlyTheTextAsItFlows() throws Exception {
    ConfiguredGuardrail pii = entry(PII_OUT);
    CallRecord record = record();
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record, pii));
    List<byte[]> events = events("openai-mixed.sse");
    Relayed out = relay(relay, events);

    String original = contents(relayUnguarded(events)).get(0);
    String content = contents(out.frames()).get(0);
    assertThat(content).isEqualTo(wholeMasked(pii, original))
        .contains("went to <EMAIL_ADDRESS> this morning").contains("card is <CREDIT_CARD>, which")
        .contains("is <EMAIL_ADDRESS> for anything").doesNotContain("jane.do").doesNotContain("4111")
        .doesNotContain("ops-desk");
    // tool calls, the role chunk, the finish chunk and the usage chunk pass byte for byte, in their order
    List<String> sent = strings(out.frames());
    List<String> kept = strings(events).stream().filter(e -> e.contains("tool_calls") || e.contains("\"role\"")
        || e.contains("\"usage\":{")).toList();
    assertThat(sent).containsSubsequence(kept);
    assertThat(out.all()).contains("{\\\"to\\\":\\\"jane.doe@").contains("4111 1111 1111 1111\\\"}");
    // the text flowed: the first words reached the client long before the stream's end
    int firstText = sent.indexOf(sent.stream().filter(s -> s.contains("Sure, here is")).findFirst().orElseThrow());
    assertThat(out.writtenAfter().get(firstText)).isLessThan(events.size() - 6);
    // the rest of the text went out before the chunk that finished the choice
    int finish = sent.indexOf(sent.stream().filter(s -> s.contains("\"finish_reason\":\"tool_calls\"")).findFirst()
        .orElseThrow());
    int lastText = -1;
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).contains("Thank you for your patience.")) {
        lastText = i;
      }
    }
    assertThat(lastText).isBetween(0, finish - 1);

    JsonNode run = record.metadata.get("guardrail_information").get(0);
    assertThat(run.get("guardrail_name").asText()).isEqualTo("pii-out");
    assertThat(run.get("guardrail_mode").asText()).isEqualTo("post_call");
    assertThat(run.get("guardrail_status").asText()).isEqualTo("masked");
    assertThat(run.get("detected_entities").toString()).contains("EMAIL_ADDRESS").contains("CREDIT_CARD");
    assertThat(record.metadata.get("guardrail_information")).hasSize(1);
  }

  @Test
  void theUpstreamFramesStayAvailableForTheCacheAndTheEstimate() throws Exception {
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record(), entry(PII_OUT)));
    assertThat(relay).isInstanceOfSatisfying(RewrittenStream.class, r -> assertThat(r.rewrites()).isTrue());
    List<byte[]> events = events("openai-mixed.sse");
    List<String> upstream = new ArrayList<>();
    for (byte[] e : events) {
      relay.feed(e);
      upstream.addAll(strings(((RewrittenStream) relay).takeUpstreamFrames()));
    }
    assertThat(upstream).containsExactlyElementsOf(strings(relayUnguarded(events)));
    assertThat(((RewrittenStream) relay).takeUpstreamFrames()).isEmpty();
  }

  @Test
  void eachChoiceIsMaskedOnItsOwnAndLogprobsOfRewrittenTextGo() throws Exception {
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record(), entry(PII_OUT)));
    Relayed out = relay(relay, events("openai-two-choices.sse"));
    assertThat(contents(out.frames())).containsExactly(Map.entry(0, "write to <EMAIL_ADDRESS> now"),
        Map.entry(1, "call <PHONE_NUMBER> today!"));
    assertThat(out.all()).doesNotContain("lice@").doesNotContain("\"token\"").contains("\"usage\":{");
  }

  @Test
  void anthropicEventsAreMaskedAndToolInputIsLeftAlone() throws Exception {
    ConfiguredGuardrail pii = entry(PII_OUT);
    MessagesStreamRelay relay = (MessagesStreamRelay) GuardedStreamRelay.wrap(new PassthroughStreamRelay("claude"),
        guards(record(), pii));
    List<byte[]> events = events("messages-mixed.sse");
    Relayed out = relay(relay, events);
    StringBuilder text = new StringBuilder();
    StringBuilder input = new StringBuilder();
    List<String> types = new ArrayList<>();
    for (byte[] f : out.frames()) {
      JsonNode e = data(f);
      types.add(e.get("type").asText());
      if (e.path("delta").path("type").asText().equals("text_delta")) {
        assertThat(e.get("index").asInt()).isZero();
        text.append(e.path("delta").get("text").asText());
      }
      if (e.path("delta").path("type").asText().equals("input_json_delta")) {
        input.append(e.path("delta").get("partial_json").asText());
      }
    }
    assertThat(text.toString()).contains("went to <EMAIL_ADDRESS> this morning").contains("card is <CREDIT_CARD>,")
        .doesNotContain("jane.do").doesNotContain("ops-desk");
    assertThat(input.toString()).isEqualTo("{\"to\":\"jane.doe@example.com\"}");
    assertThat(types.get(0)).isEqualTo("message_start");
    assertThat(types.subList(types.size() - 2, types.size())).containsExactly("message_delta", "message_stop");
    int stop = types.indexOf("content_block_stop");
    assertThat(types.subList(0, stop)).doesNotContain("input_json_delta");
    assertThat(types.subList(stop, types.size())).doesNotContain("text_delta");
    assertThat(relay.finish()).isEmpty();
  }

  @Test
  void aMaskWithoutAWindowHoldsTheWholeStreamAndReplaysItMasked() throws Exception {
    ConfiguredGuardrail secrets = entry("{\"guardrail_name\": \"secrets-out\", \"litellm_params\": {\"guardrail\": "
        + "\"hide-secrets\", \"mode\": \"post_call\", \"default_on\": true}}");
    CallRecord record = record();
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record, secrets));
    String key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB7CD0EF";
    List<byte[]> events = events("openai-mixed.sse").stream().map(e -> new String(e, StandardCharsets.UTF_8)
        .replace("jane.do", key.substring(0, 20)).replace("e@exam", key.substring(20)).replace("ple.com", "")
        .getBytes(StandardCharsets.UTF_8)).toList();
    for (byte[] e : events) {
      assertThat(relay.feed(e)).isEmpty(); // nothing goes out before the end
    }
    List<byte[]> replay = ((StreamEndGate) relay).release().await(10, TimeUnit.SECONDS);
    assertThat(contents(replay).get(0)).contains("went to [REDACTED] this morning").doesNotContain("sk-proj")
        .endsWith("Thank you for your patience.");
    List<String> kept = strings(events).stream().filter(s -> s.contains("tool_calls") || s.contains("\"usage\":{"))
        .toList();
    assertThat(strings(replay)).containsSubsequence(kept);
    assertThat(record.metadata.get("guardrail_information").get(0).get("guardrail_status").asText())
        .isEqualTo("masked");
  }

  @Test
  void aRemoteGuardrailThatMasksAppliesToTheWholeStream() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    AsyncGuardrail remote = new AsyncGuardrail() {
      @Override
      public Future<Verdict> check(List<String> texts, GuardrailCall call) {
        seen.add(texts);
        return Future.succeededFuture(new Verdict.Masked(texts.stream().map(t -> t.replace("morning", "[TIME]"))
            .toList(), List.of("TIME")));
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public FailurePolicy failures() {
        return FailurePolicy.CLOSED;
      }
    };
    ConfiguredGuardrail g = new ConfiguredGuardrail("vendor", "generic_guardrail_api", Set.of(GuardrailMode.POST_CALL),
        true, null, Json.object(), null, remote);
    CallRecord record = record();
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record, entry(PII_OUT), g));
    Relayed out = relay(relay, events("openai-mixed.sse"));
    assertThat(out.writtenAfter()).allMatch(i -> i == events("openai-mixed.sse").size());
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).get(0)).contains("went to jane.doe@example.com this morning"); // before pii, in reverse order
    assertThat(contents(out.frames()).get(0)).contains("went to <EMAIL_ADDRESS> this [TIME]");
    assertThat(record.metadata.get("guardrail_information").findValuesAsText("guardrail_name"))
        .containsExactly("vendor", "pii-out");
  }

  @Test
  void aRemoteGuardrailThatOnlyBlocksLetsTheMaskedTextFlowAndHoldsOnlyTheEnd() throws Exception {
    List<List<String>> seen = new ArrayList<>();
    AsyncGuardrail judge = new AsyncGuardrail() {
      @Override
      public Future<Verdict> check(List<String> texts, GuardrailCall call) {
        seen.add(texts);
        return Future.succeededFuture(Verdict.PASS);
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public FailurePolicy failures() {
        return FailurePolicy.CLOSED;
      }

      @Override
      public boolean mayMask() {
        return false;
      }
    };
    ConfiguredGuardrail g = new ConfiguredGuardrail("judge", "tollgate/llm_judge", Set.of(GuardrailMode.POST_CALL),
        true, null, Json.object(), null, judge);
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record(), entry(PII_OUT), g));
    List<byte[]> events = events("openai-mixed.sse");
    Relayed out = relay(relay, events);
    List<String> sent = strings(out.frames());
    int finish = sent.indexOf(sent.stream().filter(f -> f.contains("\"finish_reason\":\"tool_calls\"")).findFirst()
        .orElseThrow());
    int firstText = sent.indexOf(sent.stream().filter(f -> f.contains("Sure, here is")).findFirst().orElseThrow());
    assertThat(out.writtenAfter().get(firstText)).isLessThan(events.size() - 6); // the text flowed
    assertThat(out.writtenAfter().get(finish)).isEqualTo(events.size()); // the end waited for the verdict
    assertThat(contents(out.frames()).get(0)).contains("went to <EMAIL_ADDRESS> this morning")
        .endsWith("Thank you for your patience.");
    assertThat(sent.get(sent.size() - 1)).contains("\"usage\":{");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).get(0)).contains("jane.doe@example.com"); // it judges the text the upstream sent
  }

  @Test
  void aBlockingEntityCutsTheStreamBeforeItReachesTheClient() throws Exception {
    ConfiguredGuardrail pii = entry("{\"guardrail_name\": \"pii-out\", \"litellm_params\": {\"guardrail\": "
        + "\"tollgate/pii\", \"mode\": \"post_call\", \"default_on\": true, \"entities\": [\"EMAIL_ADDRESS\"], "
        + "\"pii_entities_config\": {\"CREDIT_CARD\": \"BLOCK\"}}}");
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record(), pii));
    List<String> sent = new ArrayList<>();
    ApiError cut = null;
    for (byte[] e : events("openai-mixed.sse")) {
      try {
        sent.addAll(strings(relay.feed(e)));
      } catch (ApiError error) {
        cut = error;
        break;
      }
    }
    assertThat(cut).isNotNull();
    assertThat(cut.status()).isEqualTo(400);
    assertThat(cut.getMessage()).contains("pii-out").contains("post_call").contains("CREDIT_CARD");
    assertThat(String.join("", sent)).doesNotContain("4111").doesNotContain("jane.do");
  }

  @Test
  void aStreamWhoseGuardrailsCannotMaskIsRelayedFrameForFrame() throws Exception {
    ConfiguredGuardrail keywords = entry("{\"guardrail_name\": \"codenames\", \"litellm_params\": {\"guardrail\": "
        + "\"tollgate/keywords\", \"mode\": \"post_call\", \"default_on\": true, \"keywords\": [\"project zeus\"]}}");
    ChatStreamRelay relay = GuardedStreamRelay.wrap(openAiRelay(), guards(record(), keywords));
    assertThat(relay).isInstanceOfSatisfying(RewrittenStream.class, r -> assertThat(r.rewrites()).isFalse());
    assertThat(((StreamEndGate) relay).gatesEnd()).isFalse();
    List<byte[]> events = events("openai-mixed.sse");
    assertThat(strings(relay(relay, events).frames())).containsExactlyElementsOf(strings(relayUnguarded(events)));
  }

  private static List<byte[]> relayUnguarded(List<byte[]> events) {
    ChatStreamRelay plain = openAiRelay();
    List<byte[]> out = new ArrayList<>();
    events.forEach(e -> out.addAll(plain.feed(e)));
    return out;
  }
}
