package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
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
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.CohereError;
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against a running gateway whose deployments are Cohere models (the fake's v2 API). */
class CohereEndToEndTest {
  private static final String UPSTREAM_MODEL = "command-r-fake";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/providers/cohere-config.yaml");
    client = OpenAIOkHttpClient.builder().apiKey(RunningGateway.MASTER_KEY).baseUrl(gw.baseUrl()).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
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

  private static ChatCompletionCreateParams.Builder chat() {
    return ChatCompletionCreateParams.builder().model("cohere-chat").addUserMessage("Say hello");
  }

  private static RecordedRequest sent() {
    return gw.fake().lastRequest();
  }

  @Test
  void chatGoesToV2ChatAndComesBackAsAnOpenAiCompletion() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("Hello from Cohere"));

    ChatCompletion completion = client.chat().completions().create(chat().temperature(0.3).topP(0.8)
        .maxCompletionTokens(50).build());

    assertThat(completion.choices().get(0).message().content()).contains("Hello from Cohere");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("stop");
    assertThat(completion.usage().orElseThrow().promptTokens()).isPositive();
    assertThat(sent().path()).isEqualTo("/v2/chat");
    assertThat(sent().header("authorization")).isEqualTo("Bearer co-upstream-key");
    JsonNode body = sent().json();
    assertThat(body.get("model").asText()).isEqualTo(UPSTREAM_MODEL);
    assertThat(body.get("p").asDouble()).isEqualTo(0.8);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
    assertThat(body.has("top_p")).isFalse();
  }

  @Test
  void streamingRelaysTextAndUsageOnlyWhenAskedFor() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("one two three four five").chunked(5));

    List<ChatCompletionChunk> withUsage;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      withUsage = stream.stream().toList();
    }
    List<ChatCompletionChunk> without;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat().build())) {
      without = stream.stream().toList();
    }

    String text = withUsage.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
    assertThat(text).isEqualTo("one two three four five");
    assertThat(withUsage.get(0).choices().get(0).delta().role()).isPresent();
    assertThat(withUsage.stream().filter(c -> c.usage().isPresent()).count()).isEqualTo(1);
    assertThat(without.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(without.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent()))
        .hasSize(1);
    assertThat(sent().json().get("stream").asBoolean()).isTrue();
  }

  @Test
  void toolCallRoundTrip() {
    FunctionDefinition weather = FunctionDefinition.builder().name("get_weather").description("Current weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build();
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));

    ChatCompletion first = client.chat().completions().create(chat().addFunctionTool(weather).build());
    ChatCompletionMessageFunctionToolCall call =
        first.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(first.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(sent().json().at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");

    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("It is sunny in Paris."));
    ChatCompletion second = client.chat().completions().create(chat().addFunctionTool(weather)
        .addMessage(first.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("{\"sky\":\"clear\"}")
            .build())
        .build());

    assertThat(second.choices().get(0).message().content()).contains("It is sunny in Paris.");
    JsonNode messages = sent().json().get("messages");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).at("/tool_calls/0/id").asText()).isEqualTo(call.id());
    assertThat(messages.get(1).get("tool_plan").asText()).isEqualTo(first.choices().get(0).message().content()
        .orElseThrow());
    assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
    assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo(call.id());
  }

  @Test
  void streamedToolCallArgumentsReassemble() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("lookup", "{\"q\":\"tollgate gateway\"}"));

    StringBuilder args = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat().build())) {
      stream.stream().flatMap(c -> c.choices().stream())
          .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
          .forEach(t -> t.function().flatMap(f -> f.arguments()).ifPresent(args::append));
    }

    assertThat(args.toString()).isEqualTo("{\"q\":\"tollgate gateway\"}");
  }

  @Test
  void anImageArrivesAsCohereImageContent() {
    String png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("cohere-chat")
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(png).build()).build())))
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: What is this?");
    JsonNode content = sent().json().at("/messages/0/content");
    assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
    assertThat(content.get(1).at("/image_url/url").asText()).isEqualTo(png);
  }

  @Test
  void jsonSchemaBecomesCoheresJsonObjectFormat() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("{\"name\":\"Ada\"}"));

    ChatCompletion completion = client.chat().completions().create(chat().responseFormat(
        ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("person")
            .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                .build())
            .build()).build()).build());

    assertThat(completion.choices().get(0).message().content()).contains("{\"name\":\"Ada\"}");
    JsonNode format = sent().json().get("response_format");
    assertThat(format.get("type").asText()).isEqualTo("json_object");
    assertThat(format.at("/json_schema/properties/name/type").asText()).isEqualTo("string");
  }

  @Test
  void embeddingsGoToV2Embed() {
    CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("cohere-embed").input("hello world").build());

    assertThat(embedding.data()).hasSize(1);
    assertThat(embedding.data().get(0).embedding()).hasSize(Behavior.DEFAULT_EMBEDDING_DIMS);
    assertThat(embedding.usage().promptTokens()).isPositive();
    assertThat(sent().path()).isEqualTo("/v2/embed");
    assertThat(sent().json().get("texts").get(0).asText()).isEqualTo("hello world");
    assertThat(sent().json().get("input_type").asText()).isEqualTo("search_document");
  }

  @Test
  void coheresErrorsArriveAsTheSdkExceptionTypes() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.error(429, CohereError.json("trial key rate limit"))
        .withHeader("retry-after", "3"));
    assertThatThrownBy(() -> client.chat().completions().create(chat().build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.getMessage()).contains("trial key rate limit");
          assertThat(e.headers().values("retry-after")).containsExactly("3");
        });

    gw.fake().script(UPSTREAM_MODEL, Behavior.error(400, CohereError.json(
        "too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4382")));
    assertThatThrownBy(() -> client.chat().completions().create(chat().build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.code()).contains("context_length_exceeded"));
  }

  @Test
  void aNamedToolChoiceIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client.chat().completions().create(chat()
        .putAdditionalBodyProperty("tool_choice", JsonValue.from(Map.of("type", "function",
            "function", Map.of("name", "get_weather"))))
        .build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("tool_choice"));
    assertThat(gw.fake().requests()).isEmpty();
  }
}
