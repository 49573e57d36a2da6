package dev.tollgate.providers.ollama;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each folder of fixtures/ollama/chat: an OpenAI request, the Ollama call it must become, and a reply both ways. */
class OllamaChatFixturesTest {

  static List<String> cases() {
    return Fixtures.cases("ollama/chat");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRequestTreeBecomesTheDocumentedOllamaCall(String name) {
    String dir = "ollama/chat/" + name + "/";
    ObjectNode request = (ObjectNode) Fixtures.tree(dir + "request.json");

    HttpCall call = OllamaTestSupport.PROVIDER.chat().chatCall(request,
        OllamaTestSupport.target(request.get("model").asText()));

    assertCall(call, Fixtures.tree(dir + "expected-call.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundRequestGivesTheSameCall(String name) throws Exception {
    String dir = "ollama/chat/" + name + "/";
    ChatRequest request = Json.read(Fixtures.bytes(dir + "request.json"), ChatRequest.class);

    HttpCall call = OllamaTestSupport.PROVIDER.chat().chatCall(request, OllamaTestSupport.target(request.model()));

    assertCall(call, Fixtures.tree(dir + "expected-call.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOllamaReplyBecomesAnOpenAiCompletion(String name) {
    String dir = "ollama/chat/" + name + "/";
    CallTarget target = OllamaTestSupport.target(Fixtures.tree(dir + "request.json").get("model").asText());

    ChatResponse response = OllamaTestSupport.PROVIDER.chat().chatResponse(
        HttpReply.of(200, Fixtures.bytes(dir + "reply.json")), target);

    JsonNode expected = Fixtures.tree(dir + "expected-response.json");
    assertJsonEquals(OllamaTestSupport.withoutGeneratedIds(wire(response), expected), expected);
  }

  private static void assertCall(HttpCall call, JsonNode expected) {
    assertThat(call.method()).isEqualTo(expected.get("method").asText());
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));
  }
}
