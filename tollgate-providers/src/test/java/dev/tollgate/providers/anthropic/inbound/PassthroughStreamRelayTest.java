package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.bytes;
import static dev.tollgate.providers.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.types.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassthroughStreamRelayTest {
  private static final String DIR = "anthropic-inbound/streams/";

  @ParameterizedTest
  @ValueSource(ints = {1, 13, 100_000})
  void relaysEveryEventUnchangedAndReadsUsage(int piece) {
    byte[] input = bytes(DIR + "passthrough.anthropic.sse");
    PassthroughStreamRelay relay = new PassthroughStreamRelay("claude-sonnet-4-5");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < input.length; i += piece) {
      relay.feed(Arrays.copyOfRange(input, i, Math.min(input.length, i + piece))).forEach(out::writeBytes);
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text(DIR + "passthrough.anthropic.sse"));
    assertThat(relay.isDone()).isTrue();
    assertThat(relay.sawFinish()).isTrue();
    assertThat(relay.finish()).isEmpty();
    Usage usage = relay.usage();
    assertThat(usage.promptTokens()).isEqualTo(12 + 4 + 30);
    assertThat(usage.completionTokens()).isEqualTo(9);
    assertThat(usage.extra().get("cache_read_input_tokens").asInt()).isEqualTo(30);
  }

  @Test
  void anErrorEventBecomesTheTypedError() {
    PassthroughStreamRelay relay = new PassthroughStreamRelay("claude-sonnet-4-5");

    assertThatThrownBy(() -> relay.feed(bytes(DIR + "overloaded.anthropic.sse")))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("Overloaded");
    assertThat(relay.isDone()).isFalse();
  }
}
