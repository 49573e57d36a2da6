package dev.tollgate.providers.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters Cohere cannot honour, drop_params, defaults from the deployment, endpoint and key resolution. */
class CohereChatBodyTest {
  private static final String HELLO = "{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  private static JsonNode send(String json, CallTarget target) {
    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(CohereTestSupport.json(json), target);
    return Json.tree(call.body());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ",\"n\":2", ",\"logit_bias\":{\"50256\":-100}", ",\"logprobs\":true", ",\"parallel_tool_calls\":false",
      ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}", ",\"reasoning_effort\":\"extreme\"",
      ",\"response_format\":{\"type\":\"grammar\"}"})
  void aParameterWithoutCohereCounterpartIsRefusedByName(String param) {
    String name = param.substring(2, param.indexOf('"', 2));
    CallTarget target = CohereTestSupport.target("command-r");

    assertThatThrownBy(() -> send(HELLO + param + "}", target))
        .isInstanceOfSatisfying(UnsupportedParamsException.class, e -> {
          assertThat(e.param()).isEqualTo(name);
          assertThat(e.status()).isEqualTo(400);
        });

    JsonNode dropped = send(HELLO + param + "}", target.withDropParams(true));
    assertThat(dropped.has(name)).isFalse();
    assertThat(dropped.has("tool_choice")).isFalse();
    assertThat(dropped.get("messages")).hasSize(1);
  }

  @Test
  void aFilePartIsRefusedUnlessDropped() {
    String json = "{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"read\"},{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0=\"}}]}]}";

    assertThatThrownBy(() -> send(json, CohereTestSupport.target("command-r")))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("file content");
    JsonNode dropped = send(json, CohereTestSupport.target("command-r").withDropParams(true));
    assertThat(dropped.at("/messages/0/content")).hasSize(1);
  }

  @Test
  void autoToolChoiceAndNoneAreCoheresDefaultAndNone() {
    assertThat(send(HELLO + ",\"tool_choice\":\"auto\"}", CohereTestSupport.target("command-r")).has("tool_choice"))
        .isFalse();
    assertThat(send(HELLO + ",\"tool_choice\":\"none\"}", CohereTestSupport.target("command-r")).get("tool_choice")
        .asText()).isEqualTo("NONE");
  }

  @Test
  void reasoningEffortNoneTurnsThinkingOffAndCoheresOwnThinkingWins() {
    JsonNode off = send(HELLO + ",\"reasoning_effort\":\"none\"}", CohereTestSupport.target("command-a-reasoning"));
    assertThat(off.at("/thinking/type").asText()).isEqualTo("disabled");

    JsonNode own = send(HELLO + ",\"reasoning_effort\":\"high\",\"thinking\":{\"type\":\"enabled\",\"token_budget\":5}}",
        CohereTestSupport.target("command-a-reasoning"));
    assertThat(own.at("/thinking/token_budget").asInt()).isEqualTo(5);
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    CallTarget target = new CallTarget("cohere", "command-r", "https://api.cohere.com", "k", null, null, null,
        Map.of("temperature", Json.MAPPER.getNodeFactory().numberNode(0.25),
            "max_tokens", Json.MAPPER.getNodeFactory().numberNode(77)), false);

    JsonNode body = send(HELLO + ",\"temperature\":0.9}", target);

    assertThat(body.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(77);
  }

  @Test
  void streamingAsksForEventsAndDropsStreamOptions() {
    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(
        CohereTestSupport.json(HELLO + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
        CohereTestSupport.target("command-r"));

    JsonNode body = Json.tree(call.body());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.has("stream_options")).isFalse();
    assertThat(call.headers()).containsEntry("accept", "text/event-stream");
  }

  @Test
  void aRoleCohereDoesNotKnowAndAToolResultWithoutIdAreBadRequests() {
    assertThatThrownBy(() -> send("{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"name\":\"f\","
        + "\"content\":\"x\"}]}", CohereTestSupport.target("m")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("function");
    assertThatThrownBy(() -> send("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}",
        CohereTestSupport.target("m")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("tool_call_id");
  }

  @Test
  void keyAndEndpointComeFromTheEnvironmentWhenTheDeploymentHasNone() {
    CallTarget fromCo = CohereTestSupport.PROVIDER.resolve(CallTarget.of("cohere", "command-r"),
        Map.of("CO_API_KEY", "co-key", "COHERE_API_BASE", "https://cohere.internal/v2"));
    assertThat(fromCo.apiKey()).isEqualTo("co-key");

    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(CohereTestSupport.json(HELLO + "}"), fromCo);
    assertThat(call.url()).isEqualTo("https://cohere.internal/v2/chat");

    CallTarget own = CohereTestSupport.PROVIDER.resolve(
        CallTarget.of("cohere", "command-r").withApiKey("mine").withApiBase("https://x.example"),
        Map.of("COHERE_API_KEY", "env"));
    assertThat(own.apiKey()).isEqualTo("mine");
    assertThat(own.apiBase()).isEqualTo("https://x.example");
  }

  @Test
  void aCallWithoutAKeyFailsBeforeSendingAndNamesTheVariables() {
    CallTarget none = CohereTestSupport.PROVIDER.resolve(CallTarget.of("cohere", "command-r"), Map.of());

    assertThatThrownBy(() -> CohereTestSupport.PROVIDER.chat().chatCall(CohereTestSupport.json(HELLO + "}"), none))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("COHERE_API_KEY / CO_API_KEY");
  }

  @Test
  void theCallerTreeIsNotRequiredToBeKeptButExtraHeadersAreSent() {
    CallTarget target = CohereTestSupport.target("command-r").withHeaders(Map.of("x-client-name", "tollgate"));
    ObjectNode body = CohereTestSupport.json(HELLO + "}");

    HttpCall call = CohereTestSupport.PROVIDER.chat().chatCall(body, target);

    assertThat(call.headers()).containsEntry("x-client-name", "tollgate");
  }
}
