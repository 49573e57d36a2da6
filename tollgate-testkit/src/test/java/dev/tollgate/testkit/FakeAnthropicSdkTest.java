package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK against the fake's {@code /v1/messages}: it must parse (and {@code validate()}) the
 * fake's messages, accumulate its streams and map its errors, as it does with Anthropic's API.
 */
class FakeAnthropicSdkTest {
  private static final String MODEL = "claude-sonnet-4-5";
  private static FakeUpstream fake;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    client = AnthropicOkHttpClient.builder()
        .apiKey("sk-ant-fake")
        .baseUrl(fake.rootUrl())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static MessageCreateParams.Builder params(String text) {
    return MessageCreateParams.builder().model(MODEL).maxTokens(1024).system("Be brief.").addUserMessage(text);
  }

  private static Tool weather() {
    return Tool.builder()
        .name("get_weather")
        .description("Weather in a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(Tool.InputSchema.Properties.builder()
                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                .build())
            .required(List.of("city"))
            .build())
        .build();
  }

  @Test
  void createReturnsAValidMessage() {
    Message message = client.messages().create(params("Hello").build()).validate();

    assertThat(message.id()).startsWith("msg_fake");
    assertThat(message.content().get(0).asText().text()).isEqualTo("echo: Hello");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isEqualTo(5);
    assertThat(message.usage().outputTokens()).isEqualTo(3);
    assertThat(fake.lastRequest().header("authorization")).isEqualTo("Bearer sk-ant-fake"); // how SDK 3.x sends keys
  }

  @Test
  void streamAccumulatesToTheSameMessage() {
    fake.script(MODEL, Behavior.reply("one two three").chunked(3));

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("count").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message message = accumulator.message().validate();

    assertThat(message.content().get(0).asText().text()).isEqualTo("one two three");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(4);
  }

  @Test
  void toolUseStreamsAndParses() {
    fake.script(MODEL, Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    Message created = client.messages().create(params("Weather?").addTool(weather()).build()).validate();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(params("Weather?").addTool(weather()).build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    for (Message message : List.of(created, accumulator.message())) {
      ToolUseBlock use = message.content().get(0).asToolUse();
      assertThat(use.name()).isEqualTo("get_weather");
      assertThat(use._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }
  }

  @Test
  void thinkingBlocksParse() {
    Message message = client.messages().create(params("Why?").maxTokens(4096).enabledThinking(1024).build())
        .validate();

    assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Considering: Why?");
    assertThat(message.content().get(0).asThinking().signature()).isNotEmpty();
  }

  @Test
  void errorsMapToTheSdkExceptions() {
    assertThatThrownBy(() -> client.messages().create(params("hi")
        .putAdditionalBodyProperty("frequency_penalty", JsonValue.from(0.5)).build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.getMessage()).contains("frequency_penalty: Extra inputs are not permitted"));

    fake.script(MODEL, AnthropicError.behavior(429, "rate_limit_error", "slow down").withHeader("retry-after", "3"));
    assertThatThrownBy(() -> client.messages().create(params("hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).containsExactly("3"));

    fake.script(MODEL, AnthropicError.behavior(529, "overloaded_error", "Overloaded"));
    assertThatThrownBy(() -> client.messages().create(params("hi").build()))
        .isInstanceOfSatisfying(com.anthropic.errors.AnthropicServiceException.class,
            e -> assertThat(e.statusCode()).isEqualTo(529));

    AnthropicClient keyless = AnthropicOkHttpClient.builder().apiKey("").baseUrl(fake.rootUrl()).maxRetries(0).build();
    try {
      assertThatThrownBy(() -> keyless.messages().create(params("hi").build()))
          .isInstanceOf(UnauthorizedException.class);
    } finally {
      keyless.close();
    }
  }

  @Test
  void anErrorEventMidStreamIsAnSseException() {
    fake.script(MODEL, AnthropicError.midStream(Behavior.reply("partial"), 3, "overloaded_error", "Overloaded"));

    assertThatThrownBy(() -> {
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("hi").build())) {
        stream.stream().toList();
      }
    }).isInstanceOfSatisfying(SseException.class, e -> assertThat(e.getMessage()).contains("Overloaded"));
  }
}
