package dev.tollgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection-level headers, host and content-length stay out of upstream calls; every other header goes. */
class HopByHopHeadersTest {
  @ParameterizedTest
  @ValueSource(strings = {"Connection", "keep-alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Host",
      "Content-Length"})
  void dropsConnectionLevelHeaders(String name) {
    assertThat(HopByHopHeaders.dropped(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "content-type", "anthropic-version", "x-api-key", "OpenAI-Organization",
      "x-connection-id"})
  void keepsTheRest(String name) {
    assertThat(HopByHopHeaders.dropped(name)).isFalse();
  }
}
