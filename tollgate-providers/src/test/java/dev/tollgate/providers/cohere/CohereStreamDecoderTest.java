package dev.tollgate.providers.cohere;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static dev.tollgate.providers.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CohereStreamDecoderTest {
  private static final String MODEL = "command-a-03-2025";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "tool_calls", "thinking"})
  void eventsBecomeTheExpectedChunks(String name) {
    CohereStreamDecoder decoder = new CohereStreamDecoder(MODEL);

    List<ChatChunk> chunks = decoder.feed(Fixtures.bytes("cohere/stream/" + name + ".sse"));

    assertChunks(chunks, Fixtures.jsonLines("cohere/stream/" + name + ".chunks.jsonl"));
    assertThat(decoder.isDone()).isTrue();
  }

  @ParameterizedTest(name = "{0} in 7-byte pieces")
  @ValueSource(strings = {"text", "tool_calls", "thinking"})
  void bytesSplitAnywhereGiveTheSameChunks(String name) {
    byte[] all = Fixtures.bytes("cohere/stream/" + name + ".sse");
    CohereStreamDecoder decoder = new CohereStreamDecoder(MODEL);
    List<ChatChunk> chunks = new ArrayList<>();
    for (int i = 0; i < all.length; i += 7) {
      chunks.addAll(decoder.feed(Arrays.copyOfRange(all, i, Math.min(all.length, i + 7))));
    }

    assertChunks(chunks, Fixtures.jsonLines("cohere/stream/" + name + ".chunks.jsonl"));
  }

  @Test
  void anErrorEndIsRaisedWithCoheresMessage() {
    CohereStreamDecoder decoder = new CohereStreamDecoder(MODEL);

    assertThatThrownBy(() -> decoder.feed(Fixtures.bytes("cohere/stream/error_end.sse")))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("internal error while generating the response");
  }

  @Test
  void nothingAfterMessageEndIsDecoded() {
    CohereStreamDecoder decoder = new CohereStreamDecoder(MODEL);
    decoder.feed(Fixtures.bytes("cohere/stream/text.sse"));

    List<ChatChunk> more = decoder.feed(
        "event: content-delta\ndata: {\"type\":\"content-delta\",\"delta\":{\"message\":{\"content\":{\"text\":\"x\"}}}}\n\n"
            .getBytes(StandardCharsets.UTF_8));

    assertThat(more).isEmpty();
  }

  @Test
  void aRelayHidesTheUsageChunkButStillReportsUsage() {
    ChatStreamRelay relay = new TranslatingStreamRelay(new CohereStreamDecoder(MODEL));
    relay.hideUsageChunk();

    List<byte[]> frames = relay.feed(Fixtures.bytes("cohere/stream/text.sse"));

    assertThat(frames).hasSize(4);
    assertThat(new String(frames.get(3), StandardCharsets.UTF_8)).contains("\"finish_reason\":\"stop\"");
    assertThat(relay.sawFinish()).isTrue();
    assertThat(relay.usage().promptTokens()).isEqualTo(5);
    assertThat(relay.usage().completionTokens()).isEqualTo(26);
  }

  private static void assertChunks(List<ChatChunk> actual, List<JsonNode> expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertJsonEquals(CohereTestSupport.withoutCreated(wire(actual.get(i))), expected.get(i));
    }
  }
}
