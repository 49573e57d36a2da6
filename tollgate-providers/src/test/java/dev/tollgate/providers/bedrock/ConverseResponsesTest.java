package dev.tollgate.providers.bedrock;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Converse replies to OpenAI completions, from {@code fixtures/bedrock/replies}. */
class ConverseResponsesTest {
  private final BedrockProvider provider = BedrockTargets.provider();
  private final CallTarget target = BedrockTargets.signed("anthropic.claude-3-5-sonnet-20240620-v1:0");

  @ParameterizedTest
  @ValueSource(strings = {"text", "tool-use", "reasoning", "json-mode", "cached-guardrail"})
  void translatesTheReply(String name) {
    HttpReply reply = new HttpReply(200, Map.of("x-amzn-RequestId", List.of("req-1")),
        Fixtures.bytes("bedrock/replies/" + name + ".json"));

    ChatResponse response = provider.chatResponse(reply, target);

    assertJsonEquals(Fixtures.wire(response), Fixtures.tree("bedrock/replies/" + name + ".expected.json"));
  }

  @Test
  void withoutARequestIdTheIdIsGenerated() {
    ChatResponse response = provider.chatResponse(HttpReply.of(200, Fixtures.bytes("bedrock/replies/text.json")),
        target);

    assertThat(response.id()).startsWith("chatcmpl-").hasSizeGreaterThan("chatcmpl-".length() + 30);
  }

  @Test
  void unknownStopReasonsAreAPlainStop() {
    assertThat(StopReasons.finishReason("malformed_tool_use")).isEqualTo("stop");
    assertThat(StopReasons.finishReason("model_context_window_exceeded")).isEqualTo("length");
    assertThat(StopReasons.finishReason(null)).isEqualTo("stop");
  }
}
