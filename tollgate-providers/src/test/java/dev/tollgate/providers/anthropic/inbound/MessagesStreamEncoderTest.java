package dev.tollgate.providers.anthropic.inbound;

import static dev.tollgate.providers.Fixtures.bytes;
import static dev.tollgate.providers.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.openai.OpenAiStreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesStreamEncoderTest {
  private static final String DIR = "anthropic-inbound/streams/";

  /** The whole relay fed {@code piece} bytes at a time, then finished. */
  static String relay(byte[] input, int piece) {
    TranslatedStreamRelay relay = new TranslatedStreamRelay(new OpenAiStreamDecoder("openai", "gpt-4o"),
        new MessagesStreamEncoder("gpt-fake", "msg_test"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < input.length; i += piece) {
      relay.feed(Arrays.copyOfRange(input, i, Math.min(input.length, i + piece))).forEach(out::writeBytes);
    }
    assertThat(relay.isDone()).isTrue();
    assertThat(relay.sawFinish()).isTrue();
    assertThat(relay.usage().promptTokens()).isEqualTo(50);
    relay.finish().forEach(out::writeBytes);
    assertThat(relay.finish()).isEmpty(); // once
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100_000})
  void openAiChunksBecomeAnthropicsEventSequence(int piece) {
    byte[] input = text(DIR + "tool-and-text.openai.sse").getBytes(StandardCharsets.UTF_8);

    assertThat(relay(input, piece)).isEqualTo(text(DIR + "tool-and-text.anthropic.sse"));
  }

  @Test
  void aStreamWithoutUsageStopsAtMaxTokensWithZeroCounts() {
    TranslatedStreamRelay relay = new TranslatedStreamRelay(new OpenAiStreamDecoder("openai", "llama3"),
        new MessagesStreamEncoder("gpt-fake", "msg_test"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    relay.feed(bytes(DIR + "length-no-usage.openai.sse")).forEach(out::writeBytes);
    relay.finish().forEach(out::writeBytes);

    assertThat(relay.usage()).isNull(); // the gateway then estimates the spend from the relayed text
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text(DIR + "length-no-usage.anthropic.sse"));
  }

  @Test
  void anUpstreamThatSentNothingStillGetsAWholeMessage() {
    MessagesStreamEncoder encoder = new MessagesStreamEncoder("gpt-fake", "msg_test");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    encoder.finish().forEach(out::writeBytes);

    assertThat(encoder.sawFinish()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text(DIR + "empty.anthropic.sse"));
  }
}
