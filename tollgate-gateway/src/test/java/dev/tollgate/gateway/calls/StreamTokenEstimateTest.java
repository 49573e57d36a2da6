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
    try (InputStream in = StreamTokenEstimateTest.class.getResourceAsStream("/calls/stream-without-usage.sse")) {
      return in.readAllBytes();
    }
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
  void framesPastTheCapAreNotKept() {
    StreamTokenEstimate estimate = new StreamTokenEstimate();
    estimate.relayed(new byte[StreamTokenEstimate.MAX_BYTES]);
    assertThat(estimate.truncated()).isFalse();
    estimate.relayed(new byte[1]);
    assertThat(estimate.truncated()).isTrue();
  }
}
