package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
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
import dev.tollgate.testkit.Behavior;
import dev.tollgate.testkit.OllamaError;
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official OpenAI Java SDK against a running gateway whose deployments are native Ollama models. */
class OllamaEndToEndTest {
  private static final String UPSTREAM_MODEL = "llama-fake";
  private static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/providers/ollama-config.yaml");
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

  private static ChatCompletionCreateParams.Builder chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
  }

  private static RecordedRequest sent() {
    return gw.fake().lastRequest();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ollama-chat", "ollama-chat-prefix"})
  void chatGoesToApiChatWithOptionsAndComesBackAsAnOpenAiCompletion(String model) {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("Hello from Ollama"));

    ChatCompletion completion = client.chat().completions().create(chat(model).temperature(0.4).maxTokens(30)
        .seed(7).build());

    assertThat(completion.choices().get(0).message().content()).contains("Hello from Ollama");
    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.usage().orElseThrow().completionTokens()).isPositive();
    assertThat(sent().path()).isEqualTo("/api/chat");
    assertThat(sent().header("authorization")).isNull();
    JsonNode body = sent().json();
    assertThat(body.get("stream").asBoolean(true)).isFalse();
    assertThat(body.at("/options/temperature").asDouble()).isEqualTo(0.4);
    assertThat(body.at("/options/num_predict").asInt()).isEqualTo(30);
    assertThat(body.at("/options/seed").asInt()).isEqualTo(7);
  }

  @Test
  void streamingRelaysNdjsonAsSseWithUsageOnlyWhenAskedFor() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("one two three four").chunked(4));

    List<ChatCompletionChunk> withUsage;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("ollama-chat")
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
      withUsage = stream.stream().toList();
    }
    List<ChatCompletionChunk> without;
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(chat("ollama-chat").build())) {
      without = stream.stream().toList();
    }

    String text = withUsage.stream().flatMap(c -> c.choices().stream())
        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
    assertThat(text).isEqualTo("one two three four");
    assertThat(withUsage.stream().filter(c -> c.usage().isPresent()).count()).isEqualTo(1);
    assertThat(without.stream().filter(c -> c.usage().isPresent()).count()).isZero();
    assertThat(sent().json().get("stream").asBoolean()).isTrue();
  }

  @Test
  void toolCallRoundTripNamesTheToolInTheResult() {
    FunctionDefinition weather = FunctionDefinition.builder().name("get_weather")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .build())
        .build();
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("get_weather", "{\"city\":\"Toronto\"}"));

    ChatCompletion first = client.chat().completions().create(chat("ollama-chat").addFunctionTool(weather).build());
    ChatCompletionMessageFunctionToolCall call =
        first.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(first.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    assertThat(call.id()).startsWith("call_");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Toronto\"}");

    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("11 degrees in Toronto."));
    ChatCompletion second = client.chat().completions().create(chat("ollama-chat").addFunctionTool(weather)
        .addMessage(first.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("11 degrees celsius").build())
        .build());

    assertThat(second.choices().get(0).message().content()).contains("11 degrees in Toronto.");
    JsonNode messages = sent().json().get("messages");
    assertThat(messages.at("/1/tool_calls/0/function/arguments/city").asText()).isEqualTo("Toronto");
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_name").asText()).isEqualTo("get_weather");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo(call.id());
  }

  @Test
  void anInlineImageTravelsAsRawBase64AndAWebUrlIsRefused() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("ollama-chat")
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
            image("data:image/png;base64," + PNG_BASE64)))
        .build());

    assertThat(completion.choices().get(0).message().content()).contains("echo: What is this?");
    assertThat(sent().json().at("/messages/0/images/0").asText()).isEqualTo(PNG_BASE64);

    gw.fake().clearRequests();
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("ollama-chat")
        .addUserMessageOfArrayOfContentParts(List.of(image("https://example.com/cat.png")))
        .build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("web URL"));
    assertThat(gw.fake().requests()).isEmpty();
  }

  @Test
  void jsonModeIsOllamasJsonFormat() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("{\"ok\":true}"));

    ChatCompletion completion = client.chat().completions().create(chat("ollama-chat")
        .responseFormat(ResponseFormatJsonObject.builder().build()).build());

    assertThat(completion.choices().get(0).message().content()).contains("{\"ok\":true}");
    assertThat(sent().json().get("format").asText()).isEqualTo("json");
  }

  @Test
  void embeddingsGoToApiEmbed() {
    CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("ollama-embed").input("hello world").build());

    assertThat(embedding.data()).hasSize(1);
    assertThat(embedding.data().get(0).embedding()).hasSize(Behavior.DEFAULT_EMBEDDING_DIMS);
    assertThat(embedding.usage().promptTokens()).isPositive();
    assertThat(sent().path()).isEqualTo("/api/embed");
    assertThat(sent().json().get("input").asText()).isEqualTo("hello world");
  }

  @Test
  void aModelThatIsNotPulledIsNotFound() {
    gw.fake().script("llama-not-pulled",
        Behavior.error(404, OllamaError.json("model \"llama-not-pulled\" not found, try pulling it first")));

    assertThatThrownBy(() -> client.chat().completions().create(chat("ollama-missing").build()))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.getMessage()).contains("try pulling it first"));
  }

  private static ChatCompletionContentPart image(String url) {
    return ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(url).build()).build());
  }
}
