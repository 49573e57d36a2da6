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
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.GoogleError;
import dev.tollgate.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against a running gateway whose deployments are {@code gemini/...} on the fake. */
class GeminiEndToEndTest {
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/gemini-config.yaml");
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

  private static ChatCompletionCreateParams.Builder chat(String model, String text) {
    return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Be brief.").addUserMessage(text);
  }

  private static JsonNode sent() {
    return gw.fake().lastRequest().json();
  }

  @Test
  void chatGoesToGenerateContentAndComesBackAsAChatCompletion() {
    gw.fake().script("gemini-2.5-flash", Behavior.reply("Bonjour!"));

    ChatCompletion completion = client.chat().completions().create(chat("gemini-flash", "Say hello")
        .temperature(0.3).maxCompletionTokens(50).build());

    assertThat(completion.choices().get(0).message().content()).contains("Bonjour!");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(6); // "Be brief." 3 + "Say hello" 3
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(2);
    RecordedRequest request = gw.fake().lastRequest();
    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(request.header("x-goog-api-key")).isEqualTo("test-gemini-key");
    assertThat(sent().at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
    assertThat(sent().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(50);
  }

  @Test
  void streamingDeliversTheTextAndOneUsageChunkOnlyWhenAsked() {
    gw.fake().script("gemini-2.5-flash", Behavior.reply("one two three four").chunked(4));

    List<ChatCompletionChunk> asked;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("gemini-flash", "count").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      asked = stream.stream().toList();
    }
    List<ChatCompletionChunk> notAsked;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gemini-flash", "count").build())) {
      notAsked = stream.stream().toList();
    }

    assertThat(text(asked)).isEqualTo("one two three four");
    assertThat(text(notAsked)).isEqualTo("one two three four");
    assertThat(asked.stream().filter(c -> c.usage().isPresent()).count()).isEqualTo(1);
    assertThat(asked.get(asked.size() - 1).usage().orElseThrow().completionTokens()).isEqualTo(5);
    assertThat(notAsked.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(asked.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent())
        .map(c -> c.finishReason().get().asString())).containsExactly("stop");
    assertThat(gw.fake().lastRequest().path()).endsWith(":streamGenerateContent");
    assertThat(gw.fake().lastRequest().query()).isEqualTo("alt=sse");
  }

  @Test
  void toolCallRoundTripKeepsTheThoughtSignatureAndTheFunctionName() {
    gw.fake().script("gemini-3-pro-preview", Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    FunctionDefinition weather = FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("additionalProperties", JsonValue.from(false))
            .build())
        .build();

    ChatCompletion first = client.chat().completions().create(chat("gemini-3", "Weather in Paris?")
        .addFunctionTool(weather).build());

    assertThat(first.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    ChatCompletionMessageFunctionToolCall call =
        first.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(Json.tree(call.function().arguments().getBytes(StandardCharsets.UTF_8)).get("city").asText())
        .isEqualTo("Paris");
    assertThat(sent().at("/tools/0/functionDeclarations/0/parametersJsonSchema/additionalProperties").asBoolean())
        .isFalse();

    gw.fake().script("gemini-3-pro-preview", Behavior.reply("It is sunny in Paris."));
    ChatCompletion second = client.chat().completions().create(chat("gemini-3", "Weather in Paris?")
        .addFunctionTool(weather)
        .addMessage(ChatCompletionAssistantMessageParam.builder()
            .toolCalls(List.of(ChatCompletionMessageToolCall.ofFunction(call)))
            .build())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("sunny, 24C").build())
        .build());

    assertThat(second.choices().get(0).message().content()).contains("It is sunny in Paris.");
    JsonNode body = sent();
    assertThat(body.at("/contents/1/role").asText()).isEqualTo("model");
    assertThat(body.at("/contents/1/parts/0/thoughtSignature").asText()).isNotEmpty();
    assertThat(body.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
    assertThat(body.at("/contents/2/parts/0/functionResponse/response/output").asText()).isEqualTo("sunny, 24C");
  }

  @Test
  void aStreamedToolCallArrivesWholeWithTheToolCallsFinishReason() {
    gw.fake().script("gemini-2.5-flash", Behavior.toolCall("lookup", "{\"q\":\"tollgate\"}"));
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("gemini-flash", "look it up").build())) {
      chunks = stream.stream().toList();
    }
    String args = chunks.stream().flatMap(c -> c.choices().stream())
        .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
        .map(t -> t.function().flatMap(f -> f.arguments()).orElse(""))
        .collect(Collectors.joining());
    assertThat(Json.tree(args.getBytes(StandardCharsets.UTF_8)).get("q").asText()).isEqualTo("tollgate");
    assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent())
        .map(c -> c.finishReason().get().asString())).containsExactly("tool_calls");
  }

  @Test
  void anImageArrivesAsInlineData() {
    ChatCompletionContentPart text = ChatCompletionContentPart.ofText(
        ChatCompletionContentPartText.builder().text("What is this?").build());
    ChatCompletionContentPart image = ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,iVBORw0KGgo=").build())
        .build());

    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gemini-flash").addUserMessageOfArrayOfContentParts(List.of(text, image)).build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: What is this?");
    assertThat(sent().at("/contents/0/parts/1/inlineData/mimeType").asText()).isEqualTo("image/png");
    assertThat(sent().at("/contents/0/parts/1/inlineData/data").asText()).isEqualTo("iVBORw0KGgo=");
  }

  @Test
  void jsonModeAsksForJsonAndTheAnswerIsJson() {
    ChatCompletion completion = client.chat().completions().create(chat("gemini-flash", "Give JSON")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());

    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(Json.tree(content.getBytes(StandardCharsets.UTF_8)).get("echo").asText()).isEqualTo("Give JSON");
    assertThat(sent().at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
  }

  @Test
  void embeddingsUseBatchEmbedContentsOneVectorPerInput() {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("gemini-embed")
        .inputOfArrayOfStrings(List.of("alpha", "beta", "gamma"))
        .dimensions(5)
        .build());

    assertThat(response.data()).hasSize(3);
    assertThat(response.data().get(2).embedding()).hasSize(5);
    assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
    assertThat(gw.fake().lastRequest().path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    assertThat(sent().at("/requests/1/content/parts/0/text").asText()).isEqualTo("beta");
    assertThat(sent().at("/requests/0/outputDimensionality").asInt()).isEqualTo(5);
  }

  @Test
  void resourceExhaustedIsA429RateLimitWithGooglesMessage() {
    gw.fake().script("gemini-errors", Behavior.error(429,
        GoogleError.json(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Generate Content API requests'")));

    assertThatThrownBy(() -> client.chat().completions().create(chat("gemini-errors", "hi").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getMessage()).contains("Quota exceeded"));
  }

  private static String text(List<ChatCompletionChunk> chunks) {
    return chunks.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().content().orElse(""))
        .collect(Collectors.joining());
  }
}
