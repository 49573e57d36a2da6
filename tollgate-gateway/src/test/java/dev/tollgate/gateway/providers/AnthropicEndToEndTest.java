package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.AnthropicError;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK against a running gateway whose {@code anthropic/} deployments call the fake Anthropic
 * Messages endpoint: every request crosses the real translation both ways, and the fake rejects what Anthropic would.
 */
class AnthropicEndToEndTest {
  private static final String UPSTREAM_MODEL = "claude-sonnet-4-5";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/anthropic-config.yaml");
    client = OpenAIOkHttpClient.builder()
        .apiKey(RunningGateway.MASTER_KEY)
        .baseUrl(gw.baseUrl())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
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

  private static ChatCompletionCreateParams.Builder chat(String text) {
    return ChatCompletionCreateParams.builder().model("claude-fake").addSystemMessage("Be brief.").addUserMessage(text);
  }

  private static FunctionDefinition weatherTool() {
    return FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather in a city")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  @Test
  void chatIsTranslatedToMessagesAndBack() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("Bonjour!"));

    ChatCompletion completion = client.chat().completions().create(chat("Say hello in French").build());

    assertThat(completion.choices().get(0).message().content()).contains("Bonjour!");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.id()).startsWith("msg_fake");
    assertThat(completion.usage().orElseThrow().promptTokens()).isPositive();
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(2);
    RecordedRequest sent = gw.fake().lastRequest();
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-upstream");
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.header("authorization")).isNull();
    JsonNode body = sent.json();
    assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(body.get("model").asText()).isEqualTo(UPSTREAM_MODEL);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64000);
  }

  @Test
  void deploymentMaxTokensIsUsed() {
    client.chat().completions().create(ChatCompletionCreateParams.builder().model("claude-short")
        .addUserMessage("hi").build());

    assertThat(gw.fake().lastRequest().json().get("max_tokens").asInt()).isEqualTo(321);
  }

  @Test
  void streamingDeliversTextFinishAndUsageOnlyWhenAsked() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("one two three four").chunked(4));

    List<ChatCompletionChunk> asked;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("count")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      asked = stream.stream().toList();
    }
    List<ChatCompletionChunk> plain;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("count").build())) {
      plain = stream.stream().toList();
    }

    assertThat(text(asked)).isEqualTo("one two three four");
    assertThat(text(plain)).isEqualTo("one two three four");
    assertThat(asked.get(0).choices().get(0).delta().role()).isPresent();
    assertThat(asked.stream().flatMap(c -> c.choices().stream()).map(c -> c.finishReason())
        .filter(f -> f.isPresent()).map(f -> f.get().asString()).toList()).containsExactly("stop");
    assertThat(asked.stream().filter(c -> c.usage().isPresent()).toList()).singleElement()
        .satisfies(c -> assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(5));
    assertThat(plain.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(gw.fake().lastRequest().json().has("stream_options")).isFalse();
  }

  @Test
  void toolCallRoundTrip() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    ChatCompletionCreateParams first = chat("Weather in Paris?").addFunctionTool(weatherTool()).build();

    ChatCompletion called = client.chat().completions().create(first);
    ChatCompletionMessageFunctionToolCall call =
        called.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(called.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(gw.fake().lastRequest().json().at("/tools/0/input_schema/properties/city/type").asText())
        .isEqualTo("string");

    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("18C and cloudy in Paris."));
    ChatCompletion answered = client.chat().completions().create(first.toBuilder()
        .addMessage(called.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18C, cloudy").build())
        .build());

    assertThat(answered.choices().get(0).message().content()).contains("18C and cloudy in Paris.");
    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(sent.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
    assertThat(sent.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(call.id());
  }

  @Test
  void streamedToolCallArgumentsReassemble() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("get_weather", "{\"city\":\"San Francisco\"}"));

    StringBuilder args = new StringBuilder();
    String name;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
        .createStreaming(chat("Weather?").addFunctionTool(weatherTool()).build())) {
      List<ChatCompletionChunk> chunks = stream.stream().toList();
      chunks.stream().flatMap(c -> c.choices().stream())
          .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
          .forEach(t -> t.function().flatMap(f -> f.arguments()).ifPresent(args::append));
      name = chunks.stream().flatMap(c -> c.choices().stream())
          .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
          .map(t -> t.function().flatMap(f -> f.name()).orElse("")).collect(Collectors.joining());
    }

    assertThat(args.toString()).isEqualTo("{\"city\":\"San Francisco\"}");
    assertThat(name).isEqualTo("get_weather");
  }

  @Test
  void imageInputBecomesAnImageBlock() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-fake")
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                    .url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk").build())
                .build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("https://example.com/cat.jpg").build())
                .build())))
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: What is this?");
    JsonNode content = gw.fake().lastRequest().json().at("/messages/0/content");
    assertThat(content.at("/1/type").asText()).isEqualTo("image");
    assertThat(content.at("/1/source/type").asText()).isEqualTo("base64");
    assertThat(content.at("/1/source/media_type").asText()).isEqualTo("image/png");
    assertThat(content.at("/1/source/data").asText()).startsWith("iVBORw0KGgo");
    assertThat(content.at("/2/source/type").asText()).isEqualTo("url");
    assertThat(content.at("/2/source/url").asText()).isEqualTo("https://example.com/cat.jpg");
  }

  @Test
  void jsonModeAnswersWithJsonContent() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("{\"city\":\"Paris\",\"country\":\"France\"}"));

    ChatCompletion completion = client.chat().completions().create(chat("A city as JSON")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());

    assertThat(completion.choices().get(0).message().content()).contains("{\"city\":\"Paris\",\"country\":\"France\"}");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(gw.fake().lastRequest().json().at("/tool_choice/type").asText()).isEqualTo("tool");
  }

  @Test
  void reasoningEffortReturnsReasoningContent() {
    ChatCompletion completion = client.chat().completions().create(chat("Why is the sky blue?")
        .reasoningEffort(ReasoningEffort.LOW).build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: Why is the sky blue?");
    assertThat(completion.choices().get(0).message()._additionalProperties().get("reasoning_content"))
        .isEqualTo(JsonValue.from("Considering: Why is the sky blue?"));
    assertThat(gw.fake().lastRequest().json().at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
  }

  @Test
  void overloadedIsA503AndRateLimitKeepsRetryAfter() {
    gw.fake().script(UPSTREAM_MODEL, AnthropicError.behavior(529, "overloaded_error", "Overloaded"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.getMessage()).contains("Overloaded");
        });

    gw.fake().script(UPSTREAM_MODEL, AnthropicError.behavior(429, "rate_limit_error",
        "This request would exceed the rate limit for your organization").withHeader("retry-after", "7"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.headers().values("retry-after")).containsExactly("7");
          assertThat(e.getMessage()).contains("exceed the rate limit");
        });
  }

  /** The client sees the stream end in an error event carrying Anthropic's own message. */
  @Test
  void anOverloadedErrorEventMidStreamEndsTheStreamWithAnError() {
    gw.fake().script(UPSTREAM_MODEL, AnthropicError.midStream(
        Behavior.reply("a long answer that never ends").streamGap(Duration.ofMillis(5)), 4, "overloaded_error",
        "Overloaded"));

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(chat("hi").build())) {
        stream.stream().toList();
      }
    }).isInstanceOf(com.openai.errors.SseException.class).hasMessageContaining("Overloaded");
  }

  @Test
  void unsupportedParamIsA400NamingIt() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").seed(42L).build()))
        .isInstanceOfSatisfying(com.openai.errors.BadRequestException.class,
            e -> assertThat(e.getMessage()).contains("'seed'"));
    assertThat(gw.fake().requests()).isEmpty();
  }

  private static String text(List<ChatCompletionChunk> chunks) {
    return chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
  }
}
