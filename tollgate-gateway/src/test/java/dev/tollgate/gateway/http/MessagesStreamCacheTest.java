package dev.tollgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed {@code /v1/messages} requests and the response cache, with the official Anthropic Java SDK as the client:
 * a streamed miss is stored, and the same request streamed again is replayed from the entry as a valid Anthropic
 * event stream (the SDK's accumulator rebuilds the same message), on an Anthropic deployment (passed through) and on
 * two translated ones.
 */
class MessagesStreamCacheTest {
  private static final Map<String, String> UPSTREAM = Map.of(
      "claude-fake", "claude-sonnet-4-5", "gpt-fake", "gpt-fake-upstream", "gemini-fake", "gemini-3-pro-preview");
  private static RunningGateway gw;
  private static AnthropicClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/cache/messages-cache-config.yaml");
    client = AnthropicOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY)
        .baseUrl(gw.baseUrl().replaceAll("/v1/?$", "")).maxRetries(0).timeout(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  @BeforeEach
  void reset() {
    gw.fake().reset();
  }

  /** One streamed call: the accumulated message, and the gateway's cache key and call id headers. */
  private record Streamed(Message message, List<String> cacheKey, String callId) {}

  private static Streamed stream(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (HttpResponseFor<StreamResponse<RawMessageStreamEvent>> raw =
        client.messages().withRawResponse().createStreaming(params);
        StreamResponse<RawMessageStreamEvent> events = raw.parse()) {
      List<RawMessageStreamEvent> all = events.stream().toList();
      assertThat(all.get(0).isMessageStart()).isTrue();
      assertThat(all.get(all.size() - 1).isMessageStop()).isTrue();
      all.forEach(accumulator::accumulate);
      return new Streamed(accumulator.message().validate(), raw.headers().values(CachedAnswers.KEY_HEADER),
          raw.headers().values("x-litellm-call-id").get(0));
    }
  }

  private static MessageCreateParams.Builder params(String model, String text) {
    return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage(text);
  }

  private static JsonNode spendRow(String callId) {
    gw.controlPlane().spend().flush();
    Http.Reply logs = new Http(gw).get("/spend/logs?request_id=" + callId, RunningGateway.MASTER_KEY);
    assertThat(logs.json()).hasSize(1);
    return logs.json().get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake", "gemini-fake"})
  void aStreamedAnswerIsStoredAndTheSecondStreamIsReplayedFromTheCache(String model) {
    gw.fake().script(UPSTREAM.get(model), Behavior.reply("one two three").chunked(3));
    MessageCreateParams params = params(model, "count to three on " + model).build();

    Streamed first = stream(params);
    Streamed second = stream(params);

    assertThat(first.cacheKey()).isEmpty();
    assertThat(second.cacheKey()).hasSize(1);
    assertThat(gw.fake().requests()).as("the second stream made no upstream call").hasSize(1);
    assertThat(second.message().content()).hasSize(1);
    assertThat(second.message().content().get(0).asText().text()).isEqualTo("one two three")
        .isEqualTo(first.message().content().get(0).asText().text());
    assertThat(second.message().stopReason()).isEqualTo(first.message().stopReason())
        .contains(StopReason.END_TURN);
    assertThat(second.message().usage().outputTokens()).isEqualTo(first.message().usage().outputTokens())
        .isPositive();

    JsonNode hit = spendRow(second.callId());
    assertThat(hit.get("cache_hit").asText()).isEqualTo("True");
    assertThat(hit.get("cache_key").asText()).isEqualTo(second.cacheKey().get(0));
    assertThat(hit.get("spend").asDouble()).isZero();
    assertThat(spendRow(first.callId()).get("cache_hit").asText()).isEqualTo("False");

    Message whole = client.messages().create(params).validate(); // the same entry answers a non-streamed request
    assertThat(whole.content().get(0).asText().text()).isEqualTo("one two three");
    assertThat(gw.fake().requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude-fake", "gpt-fake"})
  void aStreamedToolUseIsReplayedWithItsInput(String model) {
    gw.fake().script(UPSTREAM.get(model), Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    MessageCreateParams params = params(model, "Weather in Paris?").addTool(MessagesEndToEndTest.weather()).build();

    Streamed first = stream(params);
    Streamed second = stream(params);

    assertThat(second.cacheKey()).hasSize(1);
    assertThat(gw.fake().requests()).hasSize(1);
    for (Message message : List.of(first.message(), second.message())) {
      ToolUseBlock use = message.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
      assertThat(use.name()).isEqualTo("get_weather");
      assertThat(use._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }
    ToolUseBlock replayed = second.message().content().stream().filter(b -> b.isToolUse()).findFirst()
        .orElseThrow().asToolUse();
    ToolUseBlock original = first.message().content().stream().filter(b -> b.isToolUse()).findFirst()
        .orElseThrow().asToolUse();
    assertThat(replayed.id()).isEqualTo(original.id());
  }
}
