package dev.tollgate.providers.bedrock;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Titan and Cohere embeddings through InvokeModel, from {@code fixtures/bedrock/embeddings}. */
class BedrockEmbeddingsTest {
  private final BedrockProvider provider = BedrockTargets.provider();

  @ParameterizedTest
  @ValueSource(strings = {"titan", "cohere"})
  void translatesRequestAndReply(String name) {
    JsonNode request = Fixtures.tree("bedrock/embeddings/" + name + ".request.json");
    CallTarget target = BedrockTargets.signed(BedrockTargets.modelOf(request));

    HttpCall call = provider.embeddingCall(Json.convert(request, EmbeddingRequest.class), target);
    HttpReply reply = new HttpReply(200, Map.of("X-Amzn-Bedrock-Input-Token-Count", List.of("6")),
        Fixtures.bytes("bedrock/embeddings/" + name + ".reply.json"));

    assertJsonEquals(Json.tree(call.body()), Fixtures.tree("bedrock/embeddings/" + name + ".expected-body.json"));
    assertThat(call.url()).endsWith("/model/" + BedrockTargets.modelOf(request).replace(":", "%3A") + "/invoke");
    assertThat(call.headers()).containsEntry("accept", "application/json").containsKey("Authorization");
    assertJsonEquals(Fixtures.wire(provider.embeddingResponse(reply, target)),
        Fixtures.tree("bedrock/embeddings/" + name + ".expected.json"));
  }

  @Test
  void titanTakesOneInputPerCall() {
    CallTarget target = BedrockTargets.signed("amazon.titan-embed-text-v2:0");

    assertThatThrownBy(() -> provider.embeddingCall(EmbeddingRequest.of("x", List.of("a", "b")), target))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("one input per request")
        .hasMessageContaining("cohere");
    assertThat(Json.tree(provider.embeddingCall(EmbeddingRequest.of("x", List.of("only")), target).body())
        .get("inputText").asText()).isEqualTo("only");
  }

  @Test
  void cohereDefaultsToSearchDocumentsAndOtherModelsAreRefused() {
    JsonNode body = Json.tree(provider.embeddingCall(EmbeddingRequest.of("x", "doc"),
        BedrockTargets.signed("cohere.embed-multilingual-v3")).body());

    assertThat(body.get("input_type").asText()).isEqualTo("search_document");
    assertThatThrownBy(() -> provider.embeddingCall(EmbeddingRequest.of("x", "doc"),
        BedrockTargets.signed("amazon.nova-pro-v1:0"))).isInstanceOf(BadRequestException.class);
  }
}
