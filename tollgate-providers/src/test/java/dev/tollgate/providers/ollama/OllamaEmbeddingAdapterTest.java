package dev.tollgate.providers.ollama;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

class OllamaEmbeddingAdapterTest {
  private final EmbeddingAdapter adapter = OllamaTestSupport.PROVIDER.embeddings().orElseThrow();

  @Test
  void fixtureRequestAndReply() throws Exception {
    String dir = "ollama/embeddings/basic/";
    EmbeddingRequest request = Json.read(Fixtures.bytes(dir + "request.json"), EmbeddingRequest.class);

    HttpCall call = adapter.embeddingCall(request, OllamaTestSupport.target(request.model()));
    JsonNode expected = Fixtures.tree(dir + "expected-call.json");
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));

    var response = adapter.embeddingResponse(HttpReply.of(200, Fixtures.bytes(dir + "reply.json")),
        OllamaTestSupport.target(request.model()));
    assertJsonEquals(wire(response), Fixtures.tree(dir + "expected-response.json"));
  }

  @Test
  void tokenArraysAreRefused() {
    EmbeddingRequest tokens = new EmbeddingRequest("m", Json.tree("[1,2,3]".getBytes()), null, null, null, null);
    assertThatThrownBy(() -> adapter.embeddingCall(tokens, OllamaTestSupport.target("m")))
        .isInstanceOf(BadRequestException.class);
  }
}
