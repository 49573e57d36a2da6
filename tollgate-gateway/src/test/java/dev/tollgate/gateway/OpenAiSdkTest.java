package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.Behavior;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK as a real client against a running gateway in front of a fake upstream. */
class OpenAiSdkTest {
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/fake-upstream-config.yaml");
    client = sdk(RunningGateway.MASTER_KEY);
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

  private static OpenAIClient sdk(String key) {
    return OpenAIOkHttpClient.builder()
        .apiKey(key)
        .baseUrl(gw.baseUrl())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }

  @Test
  void chatCompletionReachesTheUpstreamAndComesBack() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("Hello from upstream"));

    ChatCompletion completion = client.chat().completions().create(chat("gpt-fake").build());

    assertThat(completion.choices().get(0).message().content()).contains("Hello from upstream");
    assertThat(completion.usage()).isPresent();
    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.get("model").asText()).isEqualTo("gpt-fake-upstream");
    assertThat(gw.fake().lastRequest().header("authorization")).isEqualTo("Bearer sk-upstream-key");
  }

  @Test
  void toolsResponseFormatAndUnknownParamsArriveIntact() {
    gw.fake().script("gpt-fake-upstream", Behavior.toolCall("get_weather", "{\"city\":\"Paris\"}"));
    FunctionDefinition weather = FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build();

    ChatCompletion completion = client.chat().completions().create(chat("gpt-fake")
        .addFunctionTool(weather)
        .responseFormat(ResponseFormatJsonObject.builder().build())
        .putAdditionalBodyProperty("top_k", JsonValue.from(7))
        .putAdditionalBodyProperty("provider_specific", JsonValue.from(Map.of("nested", List.of(1, 2))))
        .build());

    ChatCompletionMessageFunctionToolCall call =
        completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");

    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(sent.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
    assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_object");
    assertThat(sent.get("top_k").asInt()).isEqualTo(7);
    assertThat(sent.at("/provider_specific/nested/1").asInt()).isEqualTo(2);
  }

  @Test
  void streamingDeliversEveryChunkAndUsage() {
    gw.fake().script("gpt-fake-upstream", Behavior.reply("one two three four five").chunked(5));

    String text;
    long usageChunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("gpt-fake")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build())) {
      List<ChatCompletionChunk> chunks = stream.stream().toList();
      text = chunks.stream()
          .flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse(""))
          .collect(Collectors.joining());
      usageChunks = chunks.stream().filter(c -> c.usage().isPresent()).count();
    }

    assertThat(text).isEqualTo("one two three four five");
    assertThat(usageChunks).isEqualTo(1);
    assertThat(gw.fake().lastRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void streamedToolCallArgumentsReassemble() {
    gw.fake().script("gpt-fake-upstream", Behavior.toolCall("lookup", "{\"q\":\"tollgate gateway\"}"));

    StringBuilder args = new StringBuilder();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("gpt-fake").build())) {
      stream.stream().flatMap(c -> c.choices().stream())
          .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
          .forEach(t -> t.function().flatMap(f -> f.arguments()).ifPresent(args::append));
    }

    assertThat(args.toString()).isEqualTo("{\"q\":\"tollgate gateway\"}");
  }

  @Test
  void embeddingsAndModelsList() {
    CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("embed-fake").input("hello world").build());
    assertThat(embedding.data()).hasSize(1);
    assertThat(embedding.data().get(0).embedding()).isNotEmpty();
    assertThat(gw.fake().lastRequest().json().get("model").asText()).isEqualTo("text-embedding-fake");

    List<String> ids = client.models().list().data().stream().map(Model::id).toList();
    assertThat(ids).contains("gpt-fake", "embed-fake", "mock").doesNotContain("fake/*");
  }

  @Test
  void wildcardGroupForwardsTheRequestedModel() {
    gw.fake().script("any-model-name", Behavior.reply("wildcard ok"));

    ChatCompletion completion = client.chat().completions().create(chat("fake/any-model-name").build());

    assertThat(completion.choices().get(0).message().content()).contains("wildcard ok");
    assertThat(gw.fake().lastRequest().json().get("model").asText()).isEqualTo("any-model-name");
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    client.chat().completions().create(chat("defaults-fake").temperature(0.9).build());

    JsonNode sent = gw.fake().lastRequest().json();
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(sent.get("max_tokens").asInt()).isEqualTo(77);
  }

  @Test
  void azureDeploymentUsesItsPathVersionAndKeyHeader() {
    gw.fake().script("my-deployment", Behavior.reply("from azure"));

    ChatCompletion completion = client.chat().completions().create(chat("azure-fake").build());

    assertThat(completion.choices().get(0).message().content()).contains("from azure");
    var seen = gw.fake().lastRequest();
    assertThat(seen.path()).isEqualTo("/openai/deployments/my-deployment/chat/completions");
    assertThat(seen.query()).contains("api-version=2024-10-21");
    assertThat(seen.header("api-key")).isEqualTo("azure-key-123");
    assertThat(seen.header("authorization")).isNull();
  }

  @Test
  void wrongKeyIsUnauthorized() {
    OpenAIClient wrong = sdk("sk-wrong-key");
    try {
      assertThatThrownBy(() -> wrong.chat().completions().create(chat("gpt-fake").build()))
          .isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining("Invalid proxy server token");
    } finally {
      wrong.close();
    }
  }

  @Test
  void unknownModelIsBadRequest() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("no-such-model").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("no-such-model");
  }

  @Test
  void upstreamErrorsArriveAsTheSdkExceptionTypes() {
    gw.fake().script("rate-limited", Behavior.error(429,
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
        .withHeader("retry-after", "3"));
    gw.fake().script("down", Behavior.error(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    gw.fake().script("missing", Behavior.error(404, "{\"error\":{\"message\":\"model not found\"}}"));
    gw.fake().script("too-long", Behavior.error(400,
        "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
            + "\"code\":\"context_length_exceeded\"}}"));

    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/rate-limited").build()))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).containsExactly("3"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/down").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/missing").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.chat().completions().create(chat("fake/too-long").build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.code()).contains("context_length_exceeded"));
  }

  @Test
  void upstreamTimeoutIsA408() {
    gw.fake().script("slow-upstream", Behavior.reply("too late").delayed(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> client.chat().completions().create(chat("slow-fake").build()))
        .isInstanceOfSatisfying(com.openai.errors.OpenAIServiceException.class,
            e -> assertThat(e.statusCode()).isEqualTo(408));
  }

  @Test
  void mockModelAnswersWithoutAnyProvider() {
    ChatCompletion completion = client.chat().completions().create(chat("mock").build());
    assertThat(completion.choices().get(0).message().content().orElseThrow()).contains("Say hello");

    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("mock").build())) {
      String text = stream.stream().flatMap(c -> c.choices().stream())
          .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
      assertThat(text).contains("Say hello");
    }
    assertThat(gw.fake().requests()).isEmpty();
  }
}
