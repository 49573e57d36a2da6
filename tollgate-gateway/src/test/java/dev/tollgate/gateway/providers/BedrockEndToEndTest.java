package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
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
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.BedrockError;
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
 * The official OpenAI Java SDK against a running gateway whose {@code bedrock/} deployments call the fake Bedrock
 * Runtime: every request is translated to Converse, signed with SigV4 from the deployment's {@code aws_*} settings
 * (which the fake recomputes), checked as Bedrock checks it, and the reply or event stream translated back.
 */
class BedrockEndToEndTest {
  private static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/bedrock-config.yaml");
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
    return ChatCompletionCreateParams.builder().model("claude-bedrock").addSystemMessage("Be brief.")
        .addUserMessage(text);
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
  void chatIsTranslatedToConverseSignedAndBack() {
    gw.fake().script(CLAUDE, Behavior.reply("Bonjour!"));

    ChatCompletion completion = client.chat().completions().create(chat("Say hello in French").build());

    assertThat(completion.choices().get(0).message().content()).contains("Bonjour!");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage().orElseThrow().promptTokens()).isPositive();
    RecordedRequest sent = gw.fake().lastRequest();
    assertThat(sent.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse");
    assertThat(sent.header("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCK0001/")
        .contains("/us-east-1/bedrock/aws4_request");
    JsonNode body = sent.json();
    assertThat(body.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Say hello in French");
    assertThat(body.has("model")).isFalse();
    assertThat(body.has("aws_access_key_id")).isFalse();
  }

  @Test
  void deploymentDefaultsAndTheConverseRouteApply() {
    client.chat().completions().create(ChatCompletionCreateParams.builder().model("nova-short")
        .addUserMessage("hi").build());

    RecordedRequest sent = gw.fake().lastRequest();
    assertThat(sent.path()).isEqualTo("/model/amazon.nova-lite-v1%3A0/converse");
    assertThat(sent.json().at("/inferenceConfig/maxTokens").asInt()).isEqualTo(123);
  }

  @Test
  void streamingDeliversTextFinishAndUsageOnlyWhenAsked() {
    gw.fake().script(CLAUDE, Behavior.reply("one two three four").chunked(4));

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
        .satisfies(c -> assertThat(c.usage().orElseThrow().completionTokens()).isPositive());
    assertThat(plain.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(gw.fake().lastRequest().path()).endsWith("/converse-stream");
  }

  @Test
  void toolCallRoundTrip() {
    gw.fake().script(CLAUDE, Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    ChatCompletionCreateParams first = chat("Weather in Paris?").addFunctionTool(weatherTool()).build();

    ChatCompletion called = client.chat().completions().create(first);
    ChatCompletionMessageFunctionToolCall call =
        called.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(called.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(gw.fake().lastRequest().json()
        .at("/toolConfig/tools/0/toolSpec/inputSchema/json/properties/city/type").asText()).isEqualTo("string");

    gw.fake().script(CLAUDE, Behavior.reply("18C and cloudy in Paris."));
    ChatCompletion answered = client.chat().completions().create(first.toBuilder()
        .addMessage(called.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18C, cloudy").build())
        .build());

    assertThat(answered.choices().get(0).message().content()).contains("18C and cloudy in Paris.");
    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.at("/messages/1/content/0/toolUse/toolUseId").asText()).isEqualTo(call.id());
    assertThat(sent.at("/messages/2/content/0/toolResult/toolUseId").asText()).isEqualTo(call.id());
    assertThat(sent.at("/messages/2/content/0/toolResult/content/0/text").asText()).isEqualTo("18C, cloudy");
  }

  @Test
  void streamedToolCallArgumentsReassemble() {
    gw.fake().script(CLAUDE, Behavior.toolCall("get_weather", "{\"city\":\"San Francisco\"}"));

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
  void imageInputBecomesAnImageBlockAndAnImageUrlIsRefused() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-bedrock")
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                    .url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk").build())
                .build())))
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: What is this?");
    JsonNode image = gw.fake().lastRequest().json().at("/messages/0/content/1/image");
    assertThat(image.get("format").asText()).isEqualTo("png");
    assertThat(image.at("/source/bytes").asText()).startsWith("iVBORw0KGgo");

    gw.fake().clearRequests();
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude-bedrock")
        .addUserMessageOfArrayOfContentParts(List.of(ChatCompletionContentPart.ofImageUrl(
            ChatCompletionContentPartImage.builder().imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                .url("https://example.com/cat.jpg").build()).build())))
        .build()))
        .isInstanceOfSatisfying(com.openai.errors.BadRequestException.class,
            e -> assertThat(e.getMessage()).contains("data: URLs"));
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void jsonModeAnswersWithJsonContent() {
    gw.fake().script(CLAUDE, Behavior.reply("{\"city\":\"Paris\",\"country\":\"France\"}"));

    ChatCompletion completion = client.chat().completions().create(chat("A city as JSON")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());

    assertThat(completion.choices().get(0).message().content())
        .contains("{\"city\":\"Paris\",\"country\":\"France\"}");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
    assertThat(gw.fake().lastRequest().json().at("/toolConfig/toolChoice/tool/name").asText())
        .isEqualTo("json_tool_call");
  }

  @Test
  void embeddingsThroughTitanWithABearerKeyAndCohereWithSigV4() {
    CreateEmbeddingResponse titan = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("titan-embed").input("hello world").dimensions(16).build());
    RecordedRequest titanSent = gw.fake().lastRequest();
    CreateEmbeddingResponse cohere = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("cohere-embed").inputOfArrayOfStrings(List.of("a", "b")).build());

    assertThat(titan.data()).singleElement().satisfies(e -> assertThat(e.embedding()).hasSize(16));
    assertThat(titanSent.path()).isEqualTo("/model/amazon.titan-embed-text-v2%3A0/invoke");
    assertThat(titanSent.header("authorization")).isEqualTo("Bearer fake-bedrock-api-key");
    assertThat(cohere.data()).hasSize(2);
    assertThat(cohere.usage().promptTokens()).isPositive();
    assertThat(gw.fake().lastRequest().json().get("texts")).hasSize(2);
  }

  @Test
  void throttlingIsA429KeepingTheMessageAndRetryAfter() {
    gw.fake().script(CLAUDE, BedrockError.throttling().withHeader("retry-after", "7"));

    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.headers().values("retry-after")).containsExactly("7");
          assertThat(e.getMessage()).contains("Too many requests");
        });
  }

  /** Bedrock reports failures after HTTP 200 as exception frames; the client's stream ends in an error. */
  @Test
  void anExceptionFrameMidStreamEndsTheStreamWithAnError() {
    gw.fake().script(CLAUDE, BedrockError.midStream(
        Behavior.reply("a long answer that stops").chunked(5).streamGap(Duration.ofMillis(5)), 4,
        "modelStreamErrorException", "The model stream failed."));

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream =
          client.chat().completions().createStreaming(chat("hi").build())) {
        stream.stream().toList();
      }
    }).isInstanceOf(com.openai.errors.SseException.class);
  }

  @Test
  void aContextTooLongValidationIsAContextWindowError() {
    gw.fake().script(CLAUDE, BedrockError.behavior(400, "ValidationException",
        "Input is too long for requested model."));

    assertThatThrownBy(() -> client.chat().completions().create(chat("hi").build()))
        .isInstanceOfSatisfying(com.openai.errors.BadRequestException.class, e -> {
          assertThat(e.getMessage()).contains("Input is too long");
          assertThat(e.code()).contains("context_length_exceeded");
        });
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
