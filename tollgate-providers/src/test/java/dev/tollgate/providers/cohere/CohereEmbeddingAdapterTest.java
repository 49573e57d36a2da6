package dev.tollgate.providers.cohere;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CohereEmbeddingAdapterTest {
  private final EmbeddingAdapter adapter = CohereTestSupport.PROVIDER.embeddings().orElseThrow();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"basic", "base64"})
  void fixtureRequestAndReply(String name) throws Exception {
    String dir = "cohere/embeddings/" + name + "/";
    EmbeddingRequest request = Json.read(Fixtures.bytes(dir + "request.json"), EmbeddingRequest.class);
    CallTarget target = CohereTestSupport.target(request.model());

    HttpCall call = adapter.embeddingCall(request, target);
    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).containsEntry("authorization", "Bearer co-test-key");
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));

    EmbeddingResponse response = adapter.embeddingResponse(HttpReply.of(200, Fixtures.bytes(dir + "reply.json")), target);
    assertJsonEquals(wire(response), Fixtures.tree(dir + "expected-response.json"));
  }

  @Test
  void tokenArraysHaveNoCohereForm() {
    EmbeddingRequest tokens = new EmbeddingRequest("embed-v4.0", Json.tree("[[1,2,3]]".getBytes()), null, null, null,
        null);
    assertThatThrownBy(() -> adapter.embeddingCall(tokens, CohereTestSupport.target("embed-v4.0")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("string");
  }

  @Test
  void anUnknownEncodingIsUnsupported() {
    EmbeddingRequest request = new EmbeddingRequest("embed-v4.0", Json.tree("\"hi\"".getBytes()), "int8", null, null,
        null);
    assertThatThrownBy(() -> adapter.embeddingCall(request, CohereTestSupport.target("embed-v4.0")))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("encoding_format");
  }

  @Test
  void aDeploymentInputTypeIsTheDefault() {
    CallTarget target = new CallTarget("cohere", "embed-v4.0", "https://api.cohere.com", "k", null, null, null,
        java.util.Map.of("input_type", Json.MAPPER.getNodeFactory().textNode("search_query")), false);

    HttpCall call = adapter.embeddingCall(EmbeddingRequest.of("embed-v4.0", "hi"), target);

    assertThat(Json.tree(call.body()).get("input_type").asText()).isEqualTo("search_query");
  }
}
