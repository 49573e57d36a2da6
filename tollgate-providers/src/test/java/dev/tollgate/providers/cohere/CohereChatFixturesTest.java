package dev.tollgate.providers.cohere;

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

/** Each folder of fixtures/cohere/chat: an OpenAI request, the Cohere call it must become, and a reply both ways. */
class CohereChatFixturesTest {

  static List<String> cases() {
    return Fixtures.cases("cohere/chat");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRequestTreeBecomesTheDocumentedCohereCall(String name) {
    String dir = "cohere/chat/" + name + "/";
    ObjectNode request = (ObjectNode) Fixtures.tree(dir + "request.json");
    CallTarget target = CohereTestSupport.target(request.get("model").asText());

    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(request, target);

    assertCall(call, Fixtures.tree(dir + "expected-call.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBoundRequestGivesTheSameCall(String name) throws Exception {
    String dir = "cohere/chat/" + name + "/";
    ChatRequest request = Json.read(Fixtures.bytes(dir + "request.json"), ChatRequest.class);
    CallTarget target = CohereTestSupport.target(request.model());

    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(request, target);

    assertCall(call, Fixtures.tree(dir + "expected-call.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theCohereReplyBecomesAnOpenAiCompletion(String name) {
    String dir = "cohere/chat/" + name + "/";
    String model = Fixtures.tree(dir + "request.json").get("model").asText();
    CallTarget target = CohereTestSupport.target(model);

    ChatResponse response =
        CohereTestSupport.PROVIDER.chat().chatResponse(HttpReply.of(200, Fixtures.bytes(dir + "reply.json")), target);

    assertThat(response.created()).isPositive();
    assertJsonEquals(CohereTestSupport.withoutCreated(wire(response)), Fixtures.tree(dir + "expected-response.json"));
  }

  private static void assertCall(HttpCall call, JsonNode expected) {
    assertThat(call.method()).isEqualTo(expected.get("method").asText());
    assertThat(call.url()).isEqualTo(expected.get("url").asText());
    assertThat(call.headers()).isEqualTo(Json.MAPPER.convertValue(expected.get("headers"), Map.class));
    assertJsonEquals(Json.tree(call.body()), expected.get("body"));
  }
}
