package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.FakeGuardrailService;
import dev.tollgate.testkit.GuardrailAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Post-call guardrails that mask streams, through a running gateway, with the official OpenAI and Anthropic Java SDKs
 * as clients: an e-mail address and a card number split across the upstream's chunks (a recorded stream,
 * {@code stream/openai-mixed.sse}) reach the client masked, tool-call arguments and the usage chunk as they were, and
 * the call costs what it costs without the guardrail; a remote guardrail's mask applies to a stream; Anthropic event
 * streams (passed through and translated) are masked too; a block still cuts; a stream whose guardrails cannot mask
 * is relayed byte for byte.
 */
class StreamMaskingHttpTest {
  private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static FakeGuardrailService guard;
  private static RunningGateway gw;
  private static OpenAIClient openai;
  private static AnthropicClient anthropic;

  @BeforeAll
  static void start() throws Exception {
    guard = FakeGuardrailService.start();
    gw = RunningGateway.start("/guardrails/stream/gateway-config.yaml", Map.of("FAKE_GUARD_MASK", guard.url("mask")));
    openai = OpenAIOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
    anthropic = AnthropicOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY)
        .baseUrl(gw.baseUrl().replaceAll("/v1/?$", "")).maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    openai.close();
    anthropic.close();
    gw.close();
    guard.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
    guard.reset();
    gw.fake().script("gpt-recorded", Behavior.recordedStream(fixture("openai-mixed.sse")));
  }

  private static String fixture(String name) {
    return Http.fixture("/guardrails/stream/" + name);
  }

  private static ChatCompletionCreateParams chat(String marker, String... guardrails) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model("priced-gpt")
        .addUserMessage("what did you send, and where?")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("test_marker", marker)));
    if (guardrails.length > 0) {
      b.putAdditionalBodyProperty("guardrails", JsonValue.from(List.of(guardrails)));
    }
    return b.build();
  }

  /** The stream as the SDK assembles it, and its chunks. */
  private record Streamed(ChatCompletion completion, List<ChatCompletionChunk> chunks) {}

  private static Streamed stream(ChatCompletionCreateParams params) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> s = openai.chat().completions().createStreaming(params)) {
      List<ChatCompletionChunk> chunks = s.stream().toList();
      chunks.forEach(accumulator::accumulate);
      return new Streamed(accumulator.chatCompletion(), chunks);
    }
  }

  private static HttpResponse<String> raw(String path, String fixture) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url(path)))
          .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(fixture("requests/" + fixture))).build();
      return RAW.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anEmailAndACardSplitAcrossChunksAreMaskedInWhatTheSdkAssembles() {
    Streamed masked = stream(chat("stream-masked", "pii-out"));
    String content = masked.completion().choices().get(0).message().content().orElseThrow();
    assertThat(content).contains("The confirmation went to <EMAIL_ADDRESS> this morning")
        .contains("Your saved card is <CREDIT_CARD>, which expires next year.")
        .contains("the backup contact is <EMAIL_ADDRESS> for anything that cannot wait.")
        .doesNotContain("jane.do").doesNotContain("4111").doesNotContain("ops-desk")
        .startsWith("Sure, here is what I found").endsWith("Thank you for your patience.");
    // the tool call is untouched, as are the finish reason and the usage chunk
    ChatCompletionMessageToolCall call = masked.completion().choices().get(0).message().toolCalls().orElseThrow()
        .get(0);
    assertThat(call.asFunction().function().name()).isEqualTo("send_mail");
    assertThat(call.asFunction().function().arguments())
        .isEqualTo("{\"to\":\"jane.doe@example.com\",\"card\":\"4111 1111 1111 1111\"}");
    assertThat(masked.completion().choices().get(0).finishReason().toString()).isEqualTo("tool_calls");
    assertThat(masked.chunks().get(masked.chunks().size() - 1).usage().orElseThrow().completionTokens())
        .isEqualTo(143);

    Streamed plain = stream(chat("stream-plain"));
    assertThat(plain.completion().choices().get(0).message().content().orElseThrow())
        .contains("jane.doe@example.com");

    JsonNode maskedRow = row("stream-masked");
    JsonNode plainRow = row("stream-plain");
    assertThat(maskedRow.get("spend").asDouble()).isPositive().isEqualTo(plainRow.get("spend").asDouble());
    assertThat(maskedRow.get("completion_tokens").asInt()).isEqualTo(143)
        .isEqualTo(plainRow.get("completion_tokens").asInt());
    assertThat(maskedRow.get("response").asText()).contains("<EMAIL_ADDRESS>").doesNotContain("jane.doe@example.com "
        + "this").doesNotContain("ops-desk");
    JsonNode run = Json.tree(maskedRow.get("metadata").asText().getBytes(StandardCharsets.UTF_8))
        .get("guardrail_information").get(0);
    assertThat(run.get("guardrail_name").asText()).isEqualTo("pii-out");
    assertThat(run.get("guardrail_status").asText()).isEqualTo("masked");
    assertThat(run.get("detected_entities").toString()).contains("EMAIL_ADDRESS").contains("CREDIT_CARD");
    assertThat(metrics()).containsPattern(
        "tollgate_guardrail_runs_total\\{[^}]*guardrail=\"pii-out\"[^}]*mode=\"post_call\"[^}]*outcome=\"masked\"");
  }

  @Test
  void aRemoteGuardrailThatMasksHoldsTheStreamAndSendsItMasked() {
    guard.script("mask", GuardrailAnswer.mask("billing team|shipping address", "[REDACTED]"));
    Streamed s = stream(chat("stream-remote", "vendor-mask"));
    String content = s.completion().choices().get(0).message().content().orElseThrow();
    assertThat(content).contains("a copy to the [REDACTED].").contains("update the [REDACTED] for the next order")
        .contains("jane.doe@example.com");
    assertThat(guard.calls("mask")).hasSize(1);
    JsonNode sent = guard.lastCall("mask").json();
    assertThat(sent.get("input_type").asText()).isEqualTo("response");
    assertThat(sent.get("texts")).hasSize(1);
    assertThat(sent.at("/texts/0").asText()).contains("billing team").endsWith("Thank you for your patience.");
    assertThat(s.completion().choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function()
        .arguments()).contains("jane.doe@example.com");
    assertThat(s.chunks().get(s.chunks().size() - 1).usage()).isPresent();
  }

  @Test
  void anthropicStreamsAreMaskedForTheAnthropicSdk() {
    String text = "Please contact our billing desk at billing.desk@example-corp.com for refunds, and keep the card "
        + "4242 4242 4242 4242 out of emails. We answer within a day.";
    int pieces = 9;
    assertThat(boundaryInside(text, pieces, "billing.desk@example-corp.com")).isTrue();
    gw.fake().script("claude-sonnet-4-5", Behavior.reply(text).chunked(pieces));
    Message message = accumulate(MessageCreateParams.builder().model("claude-stream").maxTokens(256)
        .addUserMessage("how do I get a refund?")
        .putAdditionalBodyProperty("guardrails", com.anthropic.core.JsonValue.from(List.of("pii-out"))).build());
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().get(0).asText().text()).isEqualTo("Please contact our billing desk at "
        + "<EMAIL_ADDRESS> for refunds, and keep the card <CREDIT_CARD> out of emails. We answer within a day.");
    assertThat(message.usage().outputTokens()).isPositive();

    // translated: the recorded OpenAI stream as Anthropic events; the tool's input is left alone
    Message translated = accumulate(MessageCreateParams.builder().model("priced-gpt").maxTokens(256)
        .addUserMessage("what did you send?")
        .putAdditionalBodyProperty("guardrails", com.anthropic.core.JsonValue.from(List.of("pii-out"))).build());
    List<ContentBlock> blocks = translated.content();
    assertThat(blocks.get(0).asText().text()).contains("went to <EMAIL_ADDRESS> this morning")
        .contains("card is <CREDIT_CARD>,").doesNotContain("ops-desk");
    assertThat(blocks.get(1).asToolUse().name()).isEqualTo("send_mail");
    assertThat(blocks.get(1).asToolUse()._input().toString()).contains("jane.doe@example.com");
  }

  private static Message accumulate(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> events = anthropic.messages().createStreaming(params)) {
      List<RawMessageStreamEvent> all = events.stream().toList();
      assertThat(all.get(all.size() - 1).isMessageStop()).isTrue();
      all.forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  /** True when splitting {@code text} evenly into {@code pieces} (as the fake does) cuts inside {@code part}. */
  private static boolean boundaryInside(String text, int pieces, String part) {
    int from = text.indexOf(part);
    int base = text.length() / pieces;
    int extra = text.length() % pieces;
    int at = 0;
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < pieces - 1; i++) {
      at += base + (i < extra ? 1 : 0);
      cuts.add(at);
    }
    return cuts.stream().anyMatch(c -> c > from && c < from + part.length());
  }

  @Test
  void aBlockStillCutsTheStream() {
    HttpResponse<String> r = raw("/v1/chat/completions", "recorded-no-cards.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"error\"").contains("no-cards-out").contains("CREDIT_CARD")
        .doesNotContain("[DONE]").doesNotContain("4111").doesNotContain("jane.do").doesNotContain("patience");
  }

  @Test
  void aStreamWithoutMaskingGuardrailsIsRelayedByteForByte() {
    HttpResponse<String> plain = raw("/v1/chat/completions", "recorded-plain.json");
    HttpResponse<String> guarded = raw("/v1/chat/completions", "recorded-block-only.json");
    assertThat(guarded.headers().firstValue("x-litellm-applied-guardrails")).hasValue("codenames");
    assertThat(plain.body()).isEqualTo(fixture("openai-mixed.sse"));
    assertThat(guarded.body()).isEqualTo(plain.body());
  }

  private static String metrics() {
    try {
      return RAW.send(HttpRequest.newBuilder(URI.create(gw.url("/metrics"))).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The spend row whose metadata carries {@code marker}, after a flush. */
  private static JsonNode row(String marker) {
    gw.controlPlane().spend().flush();
    return gw.controlPlane().database().inline(c -> {
      try (var s = c.prepareStatement("SELECT spend, completion_tokens, metadata, response FROM tg_spend_logs "
          + "WHERE metadata LIKE ?")) {
        s.setString(1, "%\"test_marker\":\"" + marker + "\"%");
        try (var rs = s.executeQuery()) {
          assertThat(rs.next()).as("a row for " + marker).isTrue();
          var out = Json.object();
          out.put("spend", rs.getDouble(1));
          out.put("completion_tokens", rs.getInt(2));
          out.put("metadata", rs.getString(3));
          out.put("response", rs.getString(4));
          return out;
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
