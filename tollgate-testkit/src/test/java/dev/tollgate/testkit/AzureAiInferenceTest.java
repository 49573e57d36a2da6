package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.UnprocessableEntityException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure AI Foundry's inference paths on the fake, driven by the {@code azure_ai} provider. */
class AzureAiInferenceTest {
  private static final Provider AZURE_AI = ProviderRegistry.defaults().find("azure_ai").orElseThrow();
  private static FakeUpstream fake;
  private static CallTarget target;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
    target = AZURE_AI.resolve(CallTarget.of("azure_ai", "Mistral-Large-2411"),
        Map.of("AZURE_AI_API_KEY", "az-key", "AZURE_AI_API_BASE", fake.rootUrl() + "/models"));
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void clean() {
    fake.reset();
  }

  private static HttpResponse<byte[]> send(HttpCall call) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(b::header);
    return TestHttp.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static ChatRequest withTopK() {
    return ChatRequest.builder().model("x").addMessage(ChatMessage.user("hello"))
        .extra("top_k", Json.MAPPER.getNodeFactory().numberNode(40)).build();
  }

  @Test
  void theProviderPassesExtraParametersThroughAndGetsAnAnswer() {
    HttpResponse<byte[]> reply = send(AZURE_AI.chat().chatCall(withTopK(), target));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(AZURE_AI.chat().chatResponse(HttpReply.of(200, reply.body()), target).text()).isEqualTo("echo: hello");
    assertThat(fake.lastRequest().path()).isEqualTo("/models/chat/completions");
    assertThat(fake.lastRequest().query()).isEqualTo("api-version=2024-05-01-preview");
  }

  @Test
  void withoutPassThroughAnExtraParameterIsAzures422() {
    CallTarget strict = target.withHeaders(Map.of("extra-parameters", "error"));

    HttpResponse<byte[]> reply = send(AZURE_AI.chat().chatCall(withTopK(), strict));
    ProviderException error = AZURE_AI.chat().error(HttpReply.of(reply.statusCode(), reply.body()), strict);

    assertThat(reply.statusCode()).isEqualTo(422);
    assertThat(Json.tree(reply.body()).at("/error/details/0/loc/1").asText()).isEqualTo("top_k");
    assertThat(error).isInstanceOf(UnprocessableEntityException.class);

    CallTarget dropping = target.withHeaders(Map.of("extra-parameters", "drop"));
    assertThat(send(AZURE_AI.chat().chatCall(withTopK(), dropping)).statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestWithoutVersionOrKeyIsRefused() {
    HttpResponse<String> noVersion = TestHttp.postString(fake.rootUrl() + "/models/chat/completions",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "api-key", "k");
    HttpResponse<String> noKey = TestHttp.postString(fake.rootUrl() + "/models/chat/completions?api-version=1",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noKey.statusCode()).isEqualTo(401);
  }

  @Test
  void embeddingsUseTheSameChecks() {
    var embeddings = AZURE_AI.embeddings().orElseThrow();
    CallTarget embed = AZURE_AI.resolve(CallTarget.of("azure_ai", "Cohere-embed-v3-english"),
        Map.of("AZURE_AI_API_KEY", "az-key", "AZURE_AI_API_BASE", fake.rootUrl() + "/models"));

    HttpResponse<byte[]> reply = send(embeddings.embeddingCall(EmbeddingRequest.of("x", "hi"), embed));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(embeddings.embeddingResponse(HttpReply.of(200, reply.body()), embed).data()).hasSize(1);
    assertThat(fake.lastRequest().path()).isEqualTo("/models/embeddings");
  }
}
