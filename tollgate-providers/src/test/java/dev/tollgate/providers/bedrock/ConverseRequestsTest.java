package dev.tollgate.providers.bedrock;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** OpenAI requests to Converse bodies, case by case from {@code fixtures/bedrock/chat/<case>}. */
class ConverseRequestsTest {
  private final BedrockProvider provider = BedrockTargets.provider();

  static List<String> cases() {
    return Fixtures.cases("bedrock/chat");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void translatesTheRequest(String name) {
    JsonNode request = Fixtures.tree("bedrock/chat/" + name + "/request.json");
    CallTarget target = BedrockTargets.signed(BedrockTargets.modelOf(request));

    HttpCall call = provider.chatCall(Json.convert(request, ChatRequest.class), target);

    assertJsonEquals(Json.tree(call.body()), Fixtures.tree("bedrock/chat/" + name + "/expected-body.json"));
    String operation = request.path("stream").asBoolean() ? "converse-stream" : "converse";
    assertThat(call.url()).isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
        + BedrockTargets.modelOf(request).replace(":", "%3A") + "/" + operation);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.headers()).containsEntry("content-type", "application/json");
  }

  @Test
  void deploymentParamsAreDefaultsTheRequestOverrides() {
    CallTarget target = new CallTarget("bedrock", "anthropic.claude-3-haiku-20240307-v1:0", null, null, null, null,
        null, Map.of("max_tokens", IntNode.valueOf(321), "temperature", Json.MAPPER.getNodeFactory().numberNode(0.7)),
        false, BedrockTargets.signed("x").settings());
    ChatRequest request = ChatRequest.builder().addMessage(ChatMessage.user("hi")).temperature(0.1).build();

    JsonNode body = Json.tree(provider.chatCall(request, target).body());

    assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(321);
    assertThat(body.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.1);
  }

  @Test
  void anImageUrlIsUnsupportedUnlessParamsAreDropped() {
    ChatRequest request = Json.convert(Json.tree(("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"what is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.test/a.png\"}}]}]}")
        .getBytes()), ChatRequest.class);
    CallTarget target = BedrockTargets.signed("anthropic.claude-3-haiku-20240307-v1:0");

    assertThatThrownBy(() -> provider.chatCall(request, target))
        .isInstanceOf(UnsupportedParamsException.class)
        .hasMessageContaining("data: URLs");
    JsonNode body = Json.tree(provider.chatCall(request, target.withDropParams(true)).body());
    assertThat(body.at("/messages/0/content")).hasSize(1);
    assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("what is this?");
  }

  @Test
  void openAiOnlySamplingParamsAreUnsupportedOrDropped() {
    CallTarget target = BedrockTargets.signed("meta.llama3-70b-instruct-v1:0");
    for (ChatRequest request : List.of(
        ChatRequest.builder().addMessage(ChatMessage.user("hi")).seed(7L).build(),
        ChatRequest.builder().addMessage(ChatMessage.user("hi")).n(2).build(),
        ChatRequest.builder().addMessage(ChatMessage.user("hi")).presencePenalty(0.5).build(),
        ChatRequest.builder().addMessage(ChatMessage.user("hi")).extra("logprobs", Json.MAPPER.getNodeFactory()
            .booleanNode(true)).build(),
        ChatRequest.builder().addMessage(ChatMessage.user("hi")).extra("reasoning_effort", Json.MAPPER
            .getNodeFactory().textNode("high")).build())) {
      assertThatThrownBy(() -> provider.chatCall(request, target)).isInstanceOf(UnsupportedParamsException.class);
      JsonNode body = Json.tree(provider.chatCall(request, target.withDropParams(true)).body());
      assertThat(body.has("additionalModelRequestFields")).as("%s", request).isFalse();
    }
  }

  @Test
  void toolArgumentsThatAreNotAJsonObjectAreRejected() {
    ChatRequest request = ChatRequest.builder()
        .addMessage(ChatMessage.user("hi"))
        .addMessage(ChatMessage.builder().role("assistant").addToolCall(
            dev.tollgate.providers.types.ToolCall.function("call_1", "f", "not json")).build())
        .build();

    assertThatThrownBy(() -> provider.chatCall(request, BedrockTargets.signed("anthropic.claude-v2")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("JSON object");
  }

  @Test
  void converseRoutePrefixAndArnsAreEncodedIntoThePath() {
    ChatRequest request = ChatRequest.builder().addMessage(ChatMessage.user("hi")).stream(true).build();

    HttpCall viaRoute = provider.chatCall(request, BedrockTargets.signed("converse/amazon.nova-lite-v1:0"));
    HttpCall viaArn = provider.chatCall(request, BedrockTargets.signed(
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0"));

    assertThat(viaRoute.url()).endsWith("/model/amazon.nova-lite-v1%3A0/converse-stream");
    assertThat(viaArn.url()).endsWith("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile"
        + "%2Fus.amazon.nova-lite-v1%3A0/converse-stream");
  }
}
