package dev.tollgate.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.spi.AccessTokenRequest;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VertexAiAdapterTest {
  private static final Map<String, String> ENV = Map.of("VERTEXAI_PROJECT", "env-project",
      "VERTEXAI_LOCATION", "europe-west4", "GOOGLE_APPLICATION_CREDENTIALS", "/secrets/sa.json");
  private final VertexAiAdapter vertex = new VertexAiAdapter(Optional::empty);

  private static ChatRequest hello(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("hi")).build();
  }

  private CallTarget target(String model, Map<String, String> env) {
    return vertex.resolve(CallTarget.of("vertex_ai", model), env).withApiKey("ya29.token");
  }

  @Test
  void geminiModelsGoToTheRegionalGooglePublisherPathWithTheBearerToken() {
    HttpCall call = vertex.chat().chatCall(hello("gemini-2.5-flash"), target("gemini-2.5-flash", ENV));
    assertThat(call.url()).isEqualTo("https://europe-west4-aiplatform.googleapis.com/v1/projects/env-project"
        + "/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent");
    assertThat(call.headers()).containsEntry("authorization", "Bearer ya29.token");
    assertThat(Json.tree(call.body()).at("/contents/0/role").asText()).isEqualTo("user");

    HttpCall stream = vertex.chat().chatCall(hello("m").toBuilder().stream(true).build(), target("m", ENV));
    assertThat(stream.url()).endsWith("/publishers/google/models/m:streamGenerateContent?alt=sse");
  }

  @Test
  void deploymentSettingsWinOverTheEnvironmentAndGlobalUsesTheGlobalHost() {
    CallTarget deployment = CallTarget.of("vertex_ai", "gemini-2.5-pro").withSettings(Map.of(
        "vertex_project", TextNode.valueOf("own-project"), "vertex_location", TextNode.valueOf("global")));
    CallTarget resolved = vertex.resolve(deployment, ENV).withApiKey("t");
    assertThat(vertex.chat().chatCall(hello("gemini-2.5-pro"), resolved).url())
        .isEqualTo("https://aiplatform.googleapis.com/v1/projects/own-project/locations/global/publishers/google"
            + "/models/gemini-2.5-pro:generateContent");
  }

  @Test
  void anApiBaseReplacesTheHostAndTheLocationDefaultsToUsCentral1() {
    CallTarget resolved = vertex.resolve(CallTarget.of("vertex_ai", "m").withApiBase("http://127.0.0.1:9/"),
        Map.of("VERTEXAI_PROJECT", "p")).withApiKey("t");
    assertThat(vertex.chat().chatCall(hello("m"), resolved).url())
        .isEqualTo("http://127.0.0.1:9/v1/projects/p/locations/us-central1/publishers/google/models/m:generateContent");
  }

  @Test
  void withoutAProjectTheCallFailsClearly() {
    CallTarget resolved = vertex.resolve(CallTarget.of("vertex_ai", "m"), Map.of()).withApiKey("t");
    assertThatThrownBy(() -> vertex.chat().chatCall(hello("m"), resolved))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("vertex_project");
  }

  @Test
  void withoutATokenTheAdapterRefusesToBuildTheCall() {
    CallTarget noToken = vertex.resolve(CallTarget.of("vertex_ai", "m"), ENV);
    assertThatThrownBy(() -> vertex.chat().chatCall(hello("m"), noToken))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void theTokenRequestNamesTheCredentialsFileInlineJsonOrNothing() {
    AccessTokenRequest fromEnv = vertex.accessToken(vertex.resolve(CallTarget.of("vertex_ai", "m"), ENV)).orElseThrow();
    assertThat(fromEnv.kind()).isEqualTo(AccessTokenRequest.GOOGLE);
    assertThat(fromEnv.credentialsFile()).isEqualTo("/secrets/sa.json");
    assertThat(fromEnv.credentialsJson()).isNull();
    assertThat(fromEnv.scopes()).containsExactly("https://www.googleapis.com/auth/cloud-platform");

    ObjectNode inlineJson = Json.object().put("type", "service_account").put("project_id", "from-json");
    CallTarget inline = vertex.resolve(
        CallTarget.of("vertex_ai", "m").withSettings(Map.of("vertex_credentials", inlineJson)), Map.of());
    AccessTokenRequest fromInline = vertex.accessToken(inline).orElseThrow();
    assertThat(Json.tree(fromInline.credentialsJson().getBytes()).get("project_id").asText()).isEqualTo("from-json");
    assertThat(fromInline.credentialsFile()).isNull();
    assertThat(inline.setting("vertex_project")).isEqualTo("from-json");

    AccessTokenRequest adc = vertex.accessToken(vertex.resolve(CallTarget.of("vertex_ai", "m"), Map.of()))
        .orElseThrow();
    assertThat(adc.credentialsFile()).isNull();
    assertThat(adc.credentialsJson()).isNull();

    assertThat(vertex.accessToken(target("m", ENV))).isEmpty(); // a given token needs no exchange
  }

  @Test
  void embeddingsUsePredictAndReportTheTokenCounts() {
    EmbeddingAdapter embeddings = vertex.embeddings().orElseThrow();
    EmbeddingRequest request = new EmbeddingRequest("text-embedding-005",
        Json.MAPPER.createArrayNode().add("a").add("b"), null, 256, null,
        Map.of("task_type", TextNode.valueOf("RETRIEVAL_QUERY")));
    HttpCall call = embeddings.embeddingCall(request, target("text-embedding-005", ENV));
    assertThat(call.url()).endsWith("/publishers/google/models/text-embedding-005:predict");
    JsonNode body = Json.tree(call.body());
    assertThat(body.at("/instances/1/content").asText()).isEqualTo("b");
    assertThat(body.at("/instances/0/task_type").asText()).isEqualTo("RETRIEVAL_QUERY");
    assertThat(body.at("/parameters/outputDimensionality").asInt()).isEqualTo(256);

    EmbeddingResponse response = embeddings.embeddingResponse(
        new HttpReply(200, Map.of(), Fixtures.bytes("vertex/predict-reply.json")), target("text-embedding-005", ENV));
    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(1).embedding().get(1).asDouble()).isEqualTo(0.4);
    assertThat(response.usage().promptTokens()).isEqualTo(8);
  }

  @Test
  void vertexErrorsUseGooglesEnvelope() {
    byte[] body = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}".getBytes();
    ProviderException e = vertex.chat().error(new HttpReply(429, Map.of(), body), target("gemini-2.5-flash", ENV));
    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(e.provider()).isEqualTo("vertex_ai");
  }

  @Test
  void claudeWithoutTheAnthropicAdapterIsAClear400() {
    assertThatThrownBy(() -> vertex.chat().chatCall(hello("claude-sonnet-4-5@20250929"),
        target("claude-sonnet-4-5@20250929", ENV)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("anthropic adapter");
  }

  @Test
  void claudeGoesToRawPredictWithTheAnthropicBodyLessTheModel() throws Exception {
    StubAnthropic anthropic = new StubAnthropic();
    VertexAiAdapter withClaude = new VertexAiAdapter(() -> Optional.of(anthropic));
    ChatRequest request = Json.read(Fixtures.bytes("vertex/claude-request.json"), ChatRequest.class);
    CallTarget target = withClaude.resolve(CallTarget.of("vertex_ai", request.model()), ENV).withApiKey("ya29.t");

    HttpCall call = withClaude.chat().chatCall(request, target);

    assertThat(call.url()).isEqualTo("https://europe-west4-aiplatform.googleapis.com/v1/projects/env-project"
        + "/locations/europe-west4/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict");
    assertThat(call.headers()).containsEntry("authorization", "Bearer ya29.t")
        .containsEntry("anthropic-beta", "flag-1")
        .doesNotContainKeys("x-api-key", "anthropic-version");
    JsonNode body = Json.tree(call.body());
    assertThat(body.has("model")).isFalse();
    assertThat(body.get("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.get("stream").asBoolean()).isTrue();

    HttpCall plain = withClaude.chat().chatCall(request.toBuilder().stream(null).build(), target);
    assertThat(plain.url()).endsWith(":rawPredict");
    assertThat(withClaude.chat().chatResponse(HttpReply.of(200, new byte[0]), target).id()).isEqualTo("from-stub");
  }

  @Test
  void theDefaultRegistryHasVertexAi() {
    assertThat(ProviderRegistry.defaults().find("vertex_ai")).get().isInstanceOf(VertexAiAdapter.class);
  }

  /** Stands in for the anthropic adapter: a body with the model, Anthropic's headers, and a canned reply. */
  private static final class StubAnthropic implements Provider, ChatAdapter {
    @Override
    public String name() {
      return "anthropic";
    }

    @Override
    public CallTarget resolve(CallTarget target, Map<String, String> env) {
      return target;
    }

    @Override
    public ChatAdapter chat() {
      return this;
    }

    @Override
    public Optional<EmbeddingAdapter> embeddings() {
      return Optional.empty();
    }

    @Override
    public HttpCall chatCall(ChatRequest request, CallTarget target) {
      ObjectNode body = Json.object().put("model", target.model()).put("max_tokens", request.maxTokens());
      body.putArray("messages").addObject().put("role", "user").put("content", request.messages().get(0).text());
      if (request.isStream()) {
        body.put("stream", true);
      }
      return HttpCall.postJson(target.apiBase() + "/v1/messages", Map.of("x-api-key", target.apiKey(),
          "anthropic-version", "2023-06-01", "anthropic-beta", "flag-1"), Json.write(body), target.timeout());
    }

    @Override
    public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
      return new ChatResponse("from-stub", "chat.completion", 0L, target.model(), List.of(), null, null, null);
    }

    @Override
    public ChatStreamDecoder chatStream(CallTarget target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ProviderException error(HttpReply reply, CallTarget target) {
      throw new UnsupportedOperationException();
    }
  }
}
