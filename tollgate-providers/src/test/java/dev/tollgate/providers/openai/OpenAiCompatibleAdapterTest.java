package dev.tollgate.providers.openai;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiCompatibleAdapterTest {
  static final Map<String, String> OPENAI_ENV = Map.of("OPENAI_API_KEY", "sk-test-openai");

  static OpenAiCompatibleAdapter adapter(String id) {
    return new OpenAiCompatibleAdapter(OpenAiCompatibleProviders.row(id).orElseThrow());
  }

  static ChatRequest hello(String model) {
    return ChatRequest.builder().model(model).addMessage(ChatMessage.user("hi")).build();
  }

  static JsonNode body(HttpCall call) {
    return Json.tree(call.body());
  }

  static List<String> chatCases() {
    return Fixtures.cases("openai/chat");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatCases")
  void openAiChatFixtureGivesTheExpectedCallAndParsesTheReply(String name) throws Exception {
    String dir = "openai/chat/" + name + "/";
    ChatRequest request = Json.read(Fixtures.bytes(dir + "request.json"), ChatRequest.class);
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget target = openai.resolve(CallTarget.of("openai", request.model()), OPENAI_ENV);
    HttpCall call = openai.chatCall(request, target);

    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.method()).isEqualTo(expected.get("method").asText());
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(body(call), expected.get("body"));

    byte[] reply = Fixtures.bytes(dir + "reply.json");
    ChatResponse response = openai.chatResponse(new HttpReply(200, Map.of(), reply), target);
    assertJsonEquals(wire(response), Json.tree(reply));
  }

  @Test
  void openAiEmbeddingsFixture() throws Exception {
    String dir = "openai/embeddings/basic/";
    EmbeddingRequest request = Json.read(Fixtures.bytes(dir + "request.json"), EmbeddingRequest.class);
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget target = openai.resolve(CallTarget.of("openai", request.model()), OPENAI_ENV);
    HttpCall call = openai.embeddings().orElseThrow().embeddingCall(request, target);
    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(body(call), expected.get("body"));
    byte[] reply = Fixtures.bytes(dir + "reply.json");
    EmbeddingResponse response = openai.embeddingResponse(new HttpReply(200, Map.of(), reply), target);
    assertJsonEquals(wire(response), Json.tree(reply));
    assertThat(response.data()).hasSize(2);
  }

  @Test
  void apiBaseEnvOverridesTheDefault() {
    OpenAiCompatibleAdapter groq = adapter("groq");
    CallTarget t = groq.resolve(CallTarget.of("groq", "llama-3.1-8b-instant"),
        Map.of("GROQ_API_KEY", "gk", "GROQ_API_BASE", "https://proxy.internal/groq/v1/"));
    HttpCall call = groq.chatCall(hello("x"), t);
    assertThat(call.url()).isEqualTo("https://proxy.internal/groq/v1/chat/completions");
  }

  @Test
  void explicitApiBaseBeatsEnv() {
    OpenAiCompatibleAdapter groq = adapter("groq");
    CallTarget t = groq.resolve(CallTarget.of("groq", "m").withApiBase("https://mine.test/v1"),
        Map.of("GROQ_API_KEY", "gk", "GROQ_API_BASE", "https://env.test/v1"));
    assertThat(groq.chatCall(hello("m"), t).url()).isEqualTo("https://mine.test/v1/chat/completions");
  }

  @Test
  void explicitApiKeyBeatsEnv() {
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget t = openai.resolve(CallTarget.of("openai", "gpt-4o").withApiKey("sk-explicit"), OPENAI_ENV);
    assertThat(openai.chatCall(hello("gpt-4o"), t).headers()).containsEntry("authorization", "Bearer sk-explicit");
  }

  @Test
  void missingKeyIsAnAuthenticationErrorForKeyRequiredRows() {
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget t = openai.resolve(CallTarget.of("openai", "gpt-4o"), Map.of());
    assertThatThrownBy(() -> openai.chatCall(hello("gpt-4o"), t))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("OPENAI_API_KEY")
        .satisfies(e -> assertThat(((AuthenticationException) e).status()).isEqualTo(401));
    assertThatThrownBy(() -> openai.embeddingCall(EmbeddingRequest.of("text-embedding-3-small", "x"), t))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void localRowsSendNoAuthHeaderWithoutAKey() {
    for (String id : List.of("lm_studio", "llamafile", "xinference")) {
      OpenAiCompatibleAdapter local = adapter(id);
      HttpCall call = local.chatCall(hello("m"), local.resolve(CallTarget.of(id, "m"), Map.of()));
      assertThat(call.headers()).as(id).containsOnlyKeys("content-type");
    }
    OpenAiCompatibleAdapter vllm = adapter("hosted_vllm");
    HttpCall call = vllm.chatCall(hello("m"),
        vllm.resolve(CallTarget.of("hosted_vllm", "m"), Map.of("HOSTED_VLLM_API_BASE", "http://vllm:8000/v1")));
    assertThat(call.url()).isEqualTo("http://vllm:8000/v1/chat/completions");
    assertThat(call.headers()).doesNotContainKey("authorization");
  }

  @Test
  void rowWithoutBaseAndNoneGivenIsABadRequest() {
    OpenAiCompatibleAdapter vllm = adapter("hosted_vllm");
    assertThatThrownBy(() -> vllm.chatCall(hello("m"), vllm.resolve(CallTarget.of("hosted_vllm", "m"), Map.of())))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("HOSTED_VLLM_API_BASE");
  }

  @Test
  void unsupportedParamIsRejectedNamingIt() {
    OpenAiCompatibleAdapter groq = adapter("groq");
    CallTarget t = groq.resolve(CallTarget.of("groq", "m"), Map.of("GROQ_API_KEY", "gk"));
    ChatRequest request = hello("m").toBuilder().extra("logit_bias", Json.object().put("50256", -100)).build();
    assertThatThrownBy(() -> groq.chatCall(request, t))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("logit_bias")
        .satisfies(e -> {
          UnsupportedParamsException u = (UnsupportedParamsException) e;
          assertThat(u.status()).isEqualTo(400);
          assertThat(u.param()).isEqualTo("logit_bias");
          assertThat(u.type()).isEqualTo("invalid_request_error");
          assertThat(u.provider()).isEqualTo("groq");
        });
  }

  @Test
  void unsupportedParamIsDroppedWithDropParams() {
    OpenAiCompatibleAdapter cerebras = adapter("cerebras");
    CallTarget t = cerebras.resolve(CallTarget.of("cerebras", "llama3.1-8b").withDropParams(true),
        Map.of("CEREBRAS_API_KEY", "ck"));
    ChatRequest request = hello("m").toBuilder().frequencyPenalty(0.5).presencePenalty(0.1).temperature(0.3).build();
    JsonNode body = body(cerebras.chatCall(request, t));
    assertThat(body.has("frequency_penalty")).isFalse();
    assertThat(body.has("presence_penalty")).isFalse();
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void paramMappingsRename() {
    OpenAiCompatibleAdapter mistral = adapter("mistral");
    CallTarget t = mistral.resolve(CallTarget.of("mistral", "mistral-small-latest"), Map.of("MISTRAL_API_KEY", "mk"));
    JsonNode body = body(mistral.chatCall(hello("x").toBuilder().seed(42L).build(), t));
    assertThat(body.has("seed")).isFalse();
    assertThat(body.get("random_seed").asInt()).isEqualTo(42);
  }

  @Test
  void paramMappingsFromARowBuiltInCode() {
    ProviderRow row = new ProviderRow("legacy", "https://legacy.test/v1", List.of("LEGACY_KEY"), "LEGACY_BASE", null,
        null, null, null, null, null, null, Map.of("max_completion_tokens", "max_tokens"), null, null);
    OpenAiCompatibleAdapter legacy = new OpenAiCompatibleAdapter(row);
    CallTarget t = legacy.resolve(CallTarget.of("legacy", "m"), Map.of("LEGACY_KEY", "k"));
    JsonNode body = body(legacy.chatCall(hello("m").toBuilder().maxCompletionTokens(99).build(), t));
    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(99);
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget t = new CallTarget("openai", "gpt-4o", null, "sk", null, Duration.ofSeconds(30),
        Map.of("OpenAI-Organization", "org-1"),
        Map.of("temperature", IntNode.valueOf(0), "max_tokens", IntNode.valueOf(100), "top_k", IntNode.valueOf(5)),
        false);
    t = openai.resolve(t, Map.of());
    ChatRequest request = hello("alias").toBuilder().temperature(0.9).build();
    HttpCall call = openai.chatCall(request, t);
    JsonNode body = body(call);
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(body.get("top_k").asInt()).isEqualTo(5);
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o");
    assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(call.headers()).containsEntry("OpenAI-Organization", "org-1");
  }

  @Test
  void azureUrlVersionAndApiKeyHeader() {
    OpenAiCompatibleAdapter azure = adapter("azure");
    Map<String, String> env = Map.of("AZURE_API_KEY", "az-key", "AZURE_API_BASE", "https://res.openai.azure.com/");
    CallTarget t = azure.resolve(CallTarget.of("azure", "my-gpt4o"), env);
    HttpCall call = azure.chatCall(hello("azure/my-gpt4o"), t);
    assertThat(call.url()).isEqualTo(
        "https://res.openai.azure.com/openai/deployments/my-gpt4o/chat/completions?api-version=2025-02-01-preview");
    assertThat(call.headers()).containsEntry("api-key", "az-key").doesNotContainKey("authorization");
    assertThat(call.headers().get("api-key")).doesNotContain("Bearer");

    CallTarget t2 = azure.resolve(CallTarget.of("azure", "my-gpt4o"),
        Map.of("AZURE_OPENAI_API_KEY", "az2", "AZURE_API_BASE", "https://res.openai.azure.com",
            "AZURE_API_VERSION", "2024-10-21"));
    HttpCall call2 = azure.chatCall(hello("x"), t2);
    assertThat(call2.url()).endsWith("/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21");
    assertThat(call2.headers()).containsEntry("api-key", "az2");

    CallTarget t3 = azure.resolve(CallTarget.of("azure", "my-gpt4o").withApiVersion("2024-06-01"),
        Map.of("AZURE_API_KEY", "k", "AZURE_API_BASE", "https://r.openai.azure.com", "AZURE_API_VERSION", "x"));
    assertThat(azure.chatCall(hello("x"), t3).url()).endsWith("?api-version=2024-06-01");

    HttpCall emb = azure.embeddings().orElseThrow()
        .embeddingCall(EmbeddingRequest.of("ada", List.of("a", "b")), azure.resolve(CallTarget.of("azure", "emb-dep"), env));
    assertThat(emb.url()).isEqualTo(
        "https://res.openai.azure.com/openai/deployments/emb-dep/embeddings?api-version=2025-02-01-preview");
    assertThat(emb.headers()).containsEntry("api-key", "az-key");
  }

  @Test
  void embeddingsPathPerRow() {
    assertThat(adapter("groq").embeddings()).isEmpty();
    OpenAiCompatibleAdapter mistral = adapter("mistral");
    HttpCall call = mistral.embeddings().orElseThrow().embeddingCall(EmbeddingRequest.of("mistral-embed", "hi"),
        mistral.resolve(CallTarget.of("mistral", "mistral-embed"), Map.of("MISTRAL_API_KEY", "mk")));
    assertThat(call.url()).isEqualTo("https://api.mistral.ai/v1/embeddings");
    assertThat(body(call).get("input").asText()).isEqualTo("hi");
    assertThat(body(call).get("model").asText()).isEqualTo("mistral-embed");
  }

  @Test
  void customAuthHeader() {
    OpenAiCompatibleAdapter sarvam = adapter("sarvam");
    HttpCall call = sarvam.chatCall(hello("sarvam-m"),
        sarvam.resolve(CallTarget.of("sarvam", "sarvam-m"), Map.of("SARVAM_API_KEY", "sv")));
    assertThat(call.headers()).containsEntry("api-subscription-key", "sv").doesNotContainKey("authorization");
  }

  @Test
  void invalidJsonReplyIsAnInternalServerError() {
    OpenAiCompatibleAdapter openai = adapter("openai");
    CallTarget t = CallTarget.of("openai", "gpt-4o");
    assertThatThrownBy(() -> openai.chatResponse(HttpReply.of(200, "<html>oops</html>".getBytes()), t))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void errorReplyIsMapped() {
    OpenAiCompatibleAdapter openai = adapter("openai");
    var e = openai.error(new HttpReply(429, Map.of("Retry-After", List.of("3")),
        Fixtures.bytes("openai/errors/429-rate-limit.json")), CallTarget.of("openai", "gpt-4o"));
    assertThat(e).isInstanceOf(RateLimitException.class);
    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(e.provider()).isEqualTo("openai");
    assertThat(e.model()).isEqualTo("gpt-4o");
  }

  @Test
  void streamingDecoderComesFromTheAdapter() {
    var decoder = adapter("openai").chatStream(CallTarget.of("openai", "gpt-4o"));
    assertThat(decoder.feed(Fixtures.bytes("openai/stream/text.sse"))).hasSize(5);
    assertThat(decoder.isDone()).isTrue();
  }

  @Test
  void requestModelIsReplacedAndOtherFieldsKept() {
    OpenAiCompatibleAdapter together = adapter("together_ai");
    ChatRequest request = hello("together_ai/meta-llama/Llama-3-8b").toBuilder()
        .extra("metadata", TextNode.valueOf("kept by the adapter")).build();
    JsonNode body = body(together.chatCall(request,
        together.resolve(CallTarget.of("together_ai", "meta-llama/Llama-3-8b"), Map.of("TOGETHERAI_API_KEY", "t"))));
    assertThat(body.get("model").asText()).isEqualTo("meta-llama/Llama-3-8b");
    assertThat(body.get("metadata").asText()).isEqualTo("kept by the adapter");
  }
}
