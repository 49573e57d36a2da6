package dev.tollgate.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.UnprocessableEntityException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code azure_ai/} row: Azure AI Foundry's model inference API (OpenAI's format with Azure's differences). */
class AzureAiRowTest {
  private static final String BASE = "https://my-resource.services.ai.azure.com/models";
  private static final OpenAiCompatibleAdapter AZURE_AI =
      new OpenAiCompatibleAdapter(OpenAiCompatibleProviders.row("azure_ai").orElseThrow());

  private static CallTarget target(Map<String, String> env) {
    return AZURE_AI.resolve(CallTarget.of("azure_ai", "Mistral-Large-2411"), env);
  }

  private static final Map<String, String> ENV = Map.of("AZURE_AI_API_KEY", "az-key", "AZURE_AI_API_BASE", BASE);

  private static ChatRequest hello() {
    return ChatRequest.builder().model("x").addMessage(ChatMessage.user("hi")).build();
  }

  @Test
  void chatGoesToTheModelsEndpointWithVersionKeyAndPassThroughOfExtraParameters() {
    HttpCall call = AZURE_AI.chatCall(hello().toBuilder().extra("top_k", Json.MAPPER.getNodeFactory().numberNode(40))
        .build(), target(ENV));

    assertThat(call.url()).isEqualTo(BASE + "/chat/completions?api-version=2024-05-01-preview");
    assertThat(call.headers()).containsEntry("api-key", "az-key")
        .containsEntry("extra-parameters", "pass-through")
        .doesNotContainKey("authorization");
    JsonNode body = Json.tree(call.body());
    assertThat(body.get("model").asText()).isEqualTo("Mistral-Large-2411");
    assertThat(body.get("top_k").asInt()).isEqualTo(40);
  }

  @Test
  void maxCompletionTokensIsSentAsTheMaxTokensAzureAiKnows() {
    JsonNode body = Json.tree(AZURE_AI.chatCall(hello().toBuilder().maxCompletionTokens(64).build(), target(ENV))
        .body());

    assertThat(body.has("max_completion_tokens")).isFalse();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
  }

  @Test
  void aDeploymentMayAskAzureToDropOrRefuseExtraParametersInstead() {
    HttpCall call = AZURE_AI.chatCall(hello(), target(ENV).withHeaders(Map.of("extra-parameters", "drop")));

    assertThat(call.headers()).containsEntry("extra-parameters", "drop");
  }

  @Test
  void theVersionComesFromTheDeploymentOrTheEnvironment() {
    assertThat(AZURE_AI.chatCall(hello(), target(Map.of("AZURE_AI_API_KEY", "k", "AZURE_AI_API_BASE", BASE,
        "AZURE_AI_API_VERSION", "2025-04-01"))).url()).endsWith("?api-version=2025-04-01");
    assertThat(AZURE_AI.chatCall(hello(), target(ENV).withApiVersion("2024-08-01-preview")).url())
        .endsWith("?api-version=2024-08-01-preview");
  }

  @Test
  void embeddingsGoToTheModelsEndpointToo() {
    HttpCall call = AZURE_AI.embeddingCall(EmbeddingRequest.of("Cohere-embed-v3-english", "hi"), target(ENV));

    assertThat(call.url()).isEqualTo(BASE + "/embeddings?api-version=2024-05-01-preview");
    assertThat(call.headers()).containsEntry("extra-parameters", "pass-through");
  }

  @Test
  void withoutBaseOrKeyNothingIsSent() {
    assertThatThrownBy(() -> AZURE_AI.chatCall(hello(), target(Map.of("AZURE_AI_API_KEY", "k"))))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("AZURE_AI_API_BASE");
    assertThatThrownBy(() -> AZURE_AI.chatCall(hello(), target(Map.of("AZURE_AI_API_BASE", BASE))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("AZURE_AI_API_KEY");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("422-extra-parameters", UnprocessableEntityException.class),
        Arguments.of("400-content-filter", ContentPolicyViolationException.class),
        Arguments.of("400-unknown-model", BadRequestException.class),
        Arguments.of("429-rate-limit", RateLimitException.class),
        Arguments.of("401-key", AuthenticationException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void azureAiErrorsAreTyped(String fixture, Class<? extends ProviderException> type) {
    byte[] body = Fixtures.bytes("azure_ai/errors/" + fixture + ".json");
    String message = Json.tree(body).at("/error/message").asText();

    ProviderException error = AZURE_AI.error(HttpReply.of(Integer.parseInt(fixture.substring(0, 3)), body),
        target(ENV));

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.upstreamMessage()).startsWith(message);
  }
}
