package dev.tollgate.providers.anthropic;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.anthropic.AnthropicTesting.provider;
import static dev.tollgate.providers.anthropic.AnthropicTesting.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestsTest {

  static List<String> cases() {
    return Fixtures.cases("anthropic/requests");
  }

  private static ChatRequest read(String path) throws Exception {
    return Json.read(Fixtures.bytes(path), ChatRequest.class);
  }

  private static JsonNode body(ChatRequest request, CallTarget target) {
    return Json.tree(provider().chatCall(request, target).body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void openAiRequestBecomesTheDocumentedAnthropicBody(String name) throws Exception {
    String dir = "anthropic/requests/" + name + "/";
    ChatRequest request = read(dir + "request.json");

    JsonNode sent = body(request, target(request.model()));

    assertJsonEquals(sent, Fixtures.tree(dir + "expected-body.json"));
  }

  @Test
  void callGoesToMessagesWithKeyAndVersionHeaders() throws Exception {
    HttpCall call = provider().chatCall(read("anthropic/requests/basic/request.json"), target("claude-sonnet-4-5"));

    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.url()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(call.headers()).containsEntry("x-api-key", "sk-ant-test")
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("content-type", "application/json")
        .doesNotContainKey("authorization");
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed", "presence_penalty", "frequency_penalty", "logprobs", "logit_bias", "n"})
  void paramsAnthropicLacksAreRejectedByName(String param) {
    ChatRequest request = withParam(param);

    assertThatThrownBy(() -> provider().chatCall(request, target("claude-sonnet-4-5")))
        .isInstanceOfSatisfying(UnsupportedParamsException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.param()).isEqualTo(param);
          assertThat(e.getMessage()).contains("'" + param + "'");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed", "presence_penalty", "frequency_penalty", "logprobs", "logit_bias", "n"})
  void paramsAnthropicLacksAreDroppedWithDropParams(String param) {
    JsonNode sent = body(withParam(param), target("claude-sonnet-4-5").withDropParams(true));

    assertThat(sent.has(param)).isFalse();
    assertThat(sent.get("max_tokens").asInt()).isEqualTo(64000);
  }

  private static ChatRequest withParam(String param) {
    ChatRequest.Builder b = ChatRequest.builder().model("claude-sonnet-4-5").addMessage(ChatMessage.user("hi"));
    switch (param) {
      case "seed" -> b.seed(7L);
      case "presence_penalty" -> b.presencePenalty(0.5);
      case "frequency_penalty" -> b.frequencyPenalty(0.5);
      case "n" -> b.n(2);
      default -> b.extra(param, Json.MAPPER.getNodeFactory().booleanNode(true));
    }
    return b.build();
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    CallTarget target = new CallTarget("anthropic", "claude-sonnet-4-5", "https://api.anthropic.com", "k", null, null,
        null, Map.of("max_tokens", IntNode.valueOf(77), "temperature", Json.MAPPER.getNodeFactory().numberNode(0.3)),
        false);
    ChatRequest request = ChatRequest.builder().model("x").addMessage(ChatMessage.user("hi")).temperature(0.9).build();

    JsonNode sent = body(request, target);

    assertThat(sent.get("max_tokens").asInt()).isEqualTo(77);
    assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(sent.get("model").asText()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void maxTokensDefaultComesFromThePriceTableThenFallsBack() {
    AnthropicRequests requests = new AnthropicRequests(dev.tollgate.providers.prices.PriceTable.builtIn());

    assertThat(requests.defaultMaxTokens("claude-opus-4-1")).isEqualTo(32000);
    assertThat(requests.defaultMaxTokens("claude-haiku-4-5")).isEqualTo(64000);
    assertThat(requests.defaultMaxTokens("not-a-claude")).isEqualTo(4096);
  }

  @Test
  void thinkingBudgetAboveTheDefaultMaxTokensRaisesIt() {
    ChatRequest request = ChatRequest.builder().model("claude-future").addMessage(ChatMessage.user("hi"))
        .extra("reasoning_effort", Json.MAPPER.getNodeFactory().textNode("high")).build();

    JsonNode sent = body(request, target("claude-future"));

    assertThat(sent.at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
    assertThat(sent.get("max_tokens").asInt()).isEqualTo(4096 + 4096);
  }

  @Test
  void jsonModeWithThinkingCannotForceTheToolSoLetsTheModelChoose() {
    ChatRequest request = ChatRequest.builder().model("claude-sonnet-4-5").addMessage(ChatMessage.user("hi"))
        .responseFormat(Json.object().put("type", "json_object"))
        .extra("reasoning_effort", Json.MAPPER.getNodeFactory().textNode("low")).build();

    JsonNode sent = body(request, target("claude-sonnet-4-5"));

    assertThat(sent.at("/tools/0/name").asText()).isEqualTo("json_response");
    assertThat(sent.at("/tool_choice/type").asText()).isEqualTo("auto");
  }

  @Test
  void unknownRolesAndBadArgumentsAreBadRequests() {
    ChatRequest function = ChatRequest.builder().model("m")
        .addMessage(ChatMessage.builder().role("function").name("f").content("x").build()).build();
    assertThatThrownBy(() -> provider().chatCall(function, target("m")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("role 'function'");

    ChatRequest badArgs = ChatRequest.builder().model("m").addMessage(ChatMessage.user("hi"))
        .addMessage(ChatMessage.builder().role("assistant")
            .addToolCall(dev.tollgate.providers.types.ToolCall.function("t1", "f", "[1,2]")).build())
        .build();
    assertThatThrownBy(() -> provider().chatCall(badArgs, target("m")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("must be a JSON object");

    ChatRequest audio = ChatRequest.builder().model("m").addMessage(ChatMessage.builder().role("user")
        .content(Json.MAPPER.createArrayNode().add(Json.object().put("type", "input_audio"))).build()).build();
    assertThatThrownBy(() -> provider().chatCall(audio, target("m")))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("audio");
  }

  @Test
  void anUploadedFileReferenceAddsTheFilesBeta() {
    JsonNode part = Json.object().put("type", "file").set("file", Json.object().put("file_id", "file_011CNha8iCJcU1wXNR6q4V8w"));
    ChatRequest request = ChatRequest.builder().model("m").addMessage(ChatMessage.builder().role("user")
        .content(Json.MAPPER.createArrayNode().add(part)).build()).build();

    HttpCall call = provider().chatCall(request, target("m"));

    assertThat(call.headers()).containsEntry("anthropic-beta", "files-api-2025-04-14");
    assertThat(Json.tree(call.body()).at("/messages/0/content/0/source/file_id").asText())
        .isEqualTo("file_011CNha8iCJcU1wXNR6q4V8w");
  }

  @Test
  void namedToolChoiceAndNone() {
    ChatRequest.Builder b = ChatRequest.builder().model("m").addMessage(ChatMessage.user("hi"))
        .addTool(dev.tollgate.providers.types.Tool.function("f", null, null));

    JsonNode named = body(b.toolChoice(Json.object().put("type", "function")
        .set("function", Json.object().put("name", "f"))).build(), target("m"));
    assertThat(named.get("tool_choice")).isEqualTo(Json.object().put("type", "tool").put("name", "f"));

    JsonNode none = body(b.toolChoice(Json.MAPPER.getNodeFactory().textNode("none")).parallelToolCalls(false).build(),
        target("m"));
    assertThat(none.get("tool_choice")).isEqualTo(Json.object().put("type", "none"));

    JsonNode parallelOnly = body(b.toolChoice(null).parallelToolCalls(false).build(), target("m"));
    assertThat(parallelOnly.get("tool_choice"))
        .isEqualTo(Json.object().put("type", "auto").put("disable_parallel_tool_use", true));
  }
}
