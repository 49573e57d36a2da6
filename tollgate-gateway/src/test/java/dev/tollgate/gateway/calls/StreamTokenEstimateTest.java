package dev.tollgate.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamTokenEstimateTest {
  private static byte[] fixture() throws Exception {
    return fixture("/calls/stream-without-usage.sse");
  }

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = StreamTokenEstimateTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static StreamTokenEstimate relayedEventByEvent(byte[] sse) {
    StreamTokenEstimate estimate = new StreamTokenEstimate();
    for (String event : new String(sse, StandardCharsets.UTF_8).split("(?<=\n\n)")) {
      estimate.relayed(event.getBytes(StandardCharsets.UTF_8));
    }
    return estimate;
  }

  @Test
  void countsTheRelayedTextAndToolCallsAndThePrompt() throws Exception {
    StreamTokenEstimate estimate = new StreamTokenEstimate();
    // frames arrive one SSE event at a time
    for (String event : new String(fixture(), StandardCharsets.UTF_8).split("(?<=\n\n)")) {
      estimate.relayed(event.getBytes(StandardCharsets.UTF_8));
    }
    String text = "The quick brown fox jumps over the lazy dog.lookup{\"q\":\"fox\"}";
    assertThat(estimate.completionText()).isEqualTo(text);
    ChatRequest request = Json.MAPPER.readValue(
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about foxes\"}]}",
        ChatRequest.class);
    Usage usage = estimate.estimate(request);
    assertThat(usage.completionTokens()).isEqualTo(TokenCounter.countText("gpt-4o", text)).isGreaterThan(10);
    assertThat(usage.promptTokens()).isEqualTo(TokenCounter.countPrompt(request)).isGreaterThan(4);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void keepsOnlyTextValuesAndUnescapesThemAtTheEnd() throws Exception {
    // escaped quotes and backslashes, unicode escapes with a surrogate pair, a space before the colon, a "content" key
    // holding an array (logprobs) and a "content" that is a value of another key, a null refusal
    StreamTokenEstimate estimate = relayedEventByEvent(fixture("/calls/stream-escaped-text.sse"));
    assertThat(estimate.completionText()).isEqualTo("She said \"hi\"\\ncaf\u00e9 \ud83d\ude00 no.");
  }

  @Test
  void aFrameHoldingSeveralEventsKeepsTheTextOfEach() throws Exception {
    StreamTokenEstimate estimate = new StreamTokenEstimate();
    estimate.relayed(fixture());
    assertThat(estimate.completionText())
        .isEqualTo("The quick brown fox jumps over the lazy dog.lookup{\"q\":\"fox\"}");
  }

  @Test
  void textPastTheCapIsNotKept() {
    String half = "x".repeat(StreamTokenEstimate.MAX_BYTES / 2);
    byte[] frame = ("data: {\"choices\":[{\"delta\":{\"content\":\"" + half + "\"}}]}\n\n")
        .getBytes(StandardCharsets.UTF_8);
    StreamTokenEstimate estimate = new StreamTokenEstimate();
    estimate.relayed(frame);
    estimate.relayed(frame);
    assertThat(estimate.truncated()).isFalse();
    estimate.relayed(frame);
    assertThat(estimate.truncated()).isTrue();
    assertThat(estimate.completionText()).hasSize(StreamTokenEstimate.MAX_BYTES);
  }
}
