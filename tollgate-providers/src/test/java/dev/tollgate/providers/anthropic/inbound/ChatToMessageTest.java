package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ChatToMessageTest {
  private static final String DIR = "anthropic-inbound/replies/";

  @Test
  void translatesTheFixtureToItsAnthropicMessage() {
    ChatResponse response = Json.convert(tree(DIR + "tool-calls.openai.json"), ChatResponse.class);

    assertJsonEquals(ChatToMessage.toMessage(response, "gpt-fake"), tree(DIR + "tool-calls.anthropic.json"));
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/fixtures/" + DIR + "stop-reasons.csv")
  void finishReasonsBecomeStopReasons(String finishReason, String stopReason) {
    assertThat(ChatToMessage.stopReason(finishReason)).isEqualTo(stopReason);
  }

  @Test
  void argumentsThatAreNotAnObjectAreKeptAsText() {
    assertThat(ChatToMessage.input("not json").get("arguments").asText()).isEqualTo("not json");
    assertThat(ChatToMessage.input("").isEmpty()).isTrue();
  }

  @Test
  void usageRoundTripsThroughAnthropicsShapeForSpend() {
    Usage openAi = Json.convert(tree(DIR + "tool-calls.openai.json").get("usage"), Usage.class);

    Usage back = MessagesUsage.fromAnthropic(MessagesUsage.toAnthropic(openAi));

    assertThat(back.promptTokens()).isEqualTo(120);
    assertThat(back.completionTokens()).isEqualTo(30);
    assertThat(back.extra().get("cache_read_input_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void aMessageWithoutIdGetsAFreshOne() {
    assertThat(ChatToMessage.messageId(null)).matches("msg_[0-9a-f]{32}");
    assertThat(ChatToMessage.messageId("msg_keep")).isEqualTo("msg_keep");
  }
}
