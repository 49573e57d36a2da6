package dev.tollgate.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnprocessableEntityException;
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
import dev.tollgate.testkit.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK against a running gateway whose deployments are Azure AI Foundry models. */
class AzureAiEndToEndTest {
  private static final String UPSTREAM_MODEL = "Mistral-Large-fake";
  private static RunningGateway gw;
  private static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/gateway/providers/azure-ai-config.yaml");
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

  @Test
  void chatGoesToTheInferenceEndpointWithKeyVersionAndPassThrough() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("Hello from Azure AI"));

    ChatCompletion completion = client.chat().completions().create(chat("azure-ai-chat").maxCompletionTokens(40)
        .putAdditionalBodyProperty("safe_prompt", JsonValue.from(true)).build());

    assertThat(completion.choices().get(0).message().content()).contains("Hello from Azure AI");
    assertThat(sent().path()).isEqualTo("/models/chat/completions");
    assertThat(sent().query()).isEqualTo("api-version=2024-05-01-preview");
    assertThat(sent().header("api-key")).isEqualTo("az-upstream-key");
    assertThat(sent().header("extra-parameters")).isEqualTo("pass-through");
    JsonNode body = sent().json();
    assertThat(body.get("model").asText()).isEqualTo(UPSTREAM_MODEL);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(40);
    assertThat(body.get("safe_prompt").asBoolean()).isTrue();
  }

  @Test
  void streamingWithUsage() {
    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("one two three").chunked(3));

    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        chat("azure-ai-chat").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build())) {
      chunks = stream.stream().toList();
    }

    assertThat(chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
        .collect(Collectors.joining())).isEqualTo("one two three");
    assertThat(chunks.stream().filter(c -> c.usage().isPresent()).count()).isEqualTo(1);
  }

  @Test
  void toolCallRoundTrip() {
    FunctionDefinition lookup = FunctionDefinition.builder().name("lookup")
        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build())
        .build();
    gw.fake().script(UPSTREAM_MODEL, Behavior.toolCall("lookup", "{\"q\":\"tollgate\"}"));

    ChatCompletion first = client.chat().completions().create(chat("azure-ai-chat").addFunctionTool(lookup).build());
    ChatCompletionMessageFunctionToolCall call =
        first.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().arguments()).isEqualTo("{\"q\":\"tollgate\"}");

    gw.fake().script(UPSTREAM_MODEL, Behavior.reply("found it"));
    ChatCompletion second = client.chat().completions().create(chat("azure-ai-chat").addFunctionTool(lookup)
        .addMessage(first.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("a gateway").build())
        .build());

    assertThat(second.choices().get(0).message().content()).contains("found it");
    assertThat(sent().json().at("/messages/2/tool_call_id").asText()).isEqualTo(call.id());
  }

  @Test
  void imageAndJsonModeArriveAsSent() {
    String png = "data:image/png;base64,iVBORw0KGgo=";
    client.chat().completions().create(ChatCompletionCreateParams.builder().model("azure-ai-chat")
        .addUserMessageOfArrayOfContentParts(List.of(
            ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is it?").build()),
            ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(png).build()).build())))
        .responseFormat(ResponseFormatJsonObject.builder().build())
        .build());

    JsonNode body = sent().json();
    assertThat(body.at("/messages/0/content/1/image_url/url").asText()).isEqualTo(png);
    assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
  }

  @Test
  void embeddings() {
    CreateEmbeddingResponse embedding = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("azure-ai-embed").input("hello world").build());

    assertThat(embedding.data().get(0).embedding()).hasSize(Behavior.DEFAULT_EMBEDDING_DIMS);
    assertThat(sent().path()).isEqualTo("/models/embeddings");
    assertThat(sent().json().get("model").asText()).isEqualTo("Cohere-embed-fake");
  }

  @Test
  void extraParametersRefusedByAzureAndRateLimitsAreTypedErrors() {
    assertThatThrownBy(() -> client.chat().completions().create(chat("azure-ai-strict")
        .putAdditionalBodyProperty("top_k", JsonValue.from(40)).build()))
        .isInstanceOf(UnprocessableEntityException.class);
    assertThat(sent().header("extra-parameters")).isEqualTo("error");

    gw.fake().script(UPSTREAM_MODEL, Behavior.error(429,
        "{\"error\":{\"code\":\"RateLimitReached\",\"message\":\"Rate limit of 1000 per 60s exceeded\"}}")
        .withHeader("retry-after", "6"));
    assertThatThrownBy(() -> client.chat().completions().create(chat("azure-ai-chat").build()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.getMessage()).contains("Rate limit of 1000 per 60s exceeded");
          assertThat(e.headers().values("retry-after")).containsExactly("6");
        });
  }
}
