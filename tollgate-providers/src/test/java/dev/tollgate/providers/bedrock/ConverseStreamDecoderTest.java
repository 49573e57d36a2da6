package dev.tollgate.providers.bedrock;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.eventstream.Frames;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ConverseStream frames (encoded from {@code fixtures/bedrock/streams/<case>.events.jsonl}) to OpenAI chunks. */
class ConverseStreamDecoderTest {

  /** The frames for a fixture: one line per event ({@code type} + {@code payload}) or exception. */
  static byte[] stream(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode line : Fixtures.jsonLines("bedrock/streams/" + name + ".events.jsonl")) {
      String payload = Json.writeString(line.get("payload"));
      out.writeBytes(line.has("exception")
          ? Frames.exception(line.get("exception").asText(), payload)
          : Frames.event(line.get("type").asText(), payload));
    }
    return out.toByteArray();
  }

  private static ConverseStreamDecoder decoder() {
    return new ConverseStreamDecoder("chatcmpl-s", 1767225600L, "m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "tool-use", "json-mode"})
  void decodesTheStreamWhateverThePieces(String name) {
    byte[] bytes = stream(name);
    List<JsonNode> expected = Fixtures.jsonLines("bedrock/streams/" + name + ".chunks.jsonl");
    Random random = new Random(7);
    for (int run = 0; run < 10; run++) {
      ConverseStreamDecoder decoder = decoder();
      List<ChatChunk> chunks = new ArrayList<>();
      int at = 0;
      while (at < bytes.length) {
        int n = run == 0 ? bytes.length : Math.min(bytes.length - at, 1 + random.nextInt(64));
        chunks.addAll(decoder.feed(Arrays.copyOfRange(bytes, at, at + n)));
        at += n;
      }
      assertThat(chunks).hasSize(expected.size());
      for (int i = 0; i < chunks.size(); i++) {
        assertJsonEquals(Fixtures.wire(chunks.get(i)), expected.get(i));
      }
      assertThat(decoder.isDone()).isTrue();
    }
  }

  @Test
  void anExceptionFrameIsThrownAsItsTypedError() {
    ConverseStreamDecoder decoder = decoder();

    assertThatThrownBy(() -> decoder.feed(stream("throttled")))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("Too many tokens");
  }

  @Test
  void chunksBeforeTheExceptionAreDeliveredWhenFedFirst() {
    byte[] bytes = stream("throttled");
    byte[] first = Frames.event("messageStart", "{\"role\":\"assistant\"}");
    ConverseStreamDecoder decoder = decoder();

    assertThat(decoder.feed(Arrays.copyOf(bytes, first.length))).hasSize(1);
    assertThatThrownBy(() -> decoder.feed(Arrays.copyOfRange(bytes, first.length, bytes.length)))
        .isInstanceOf(RateLimitException.class);
  }

  @Test
  void aCorruptedFrameIsAnErrorNotAShortAnswer() {
    byte[] bytes = stream("text");
    bytes[bytes.length - 30] ^= 0x20;

    assertThatThrownBy(() -> decoder().feed(bytes))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void theRelayHidesTheUsageChunkWhenAskedButStillReportsUsage() {
    ChatStreamRelay relay = BedrockTargets.provider().chatStreamRelay(BedrockTargets.signed("m"));
    relay.hideUsageChunk();

    List<byte[]> frames = relay.feed(stream("text"));

    assertThat(frames).hasSize(4);
    assertThat(frames).allSatisfy(f -> assertThat(new String(f, StandardCharsets.UTF_8)).startsWith("data: {")
        .doesNotContain("\"usage\""));
    assertThat(relay.sawFinish()).isTrue();
    assertThat(relay.isDone()).isTrue();
    assertThat(relay.usage().totalTokens()).isEqualTo(11);
  }

  @Test
  void aStreamThatStopsBeforeMetadataHasFinishedButIsNotDone() {
    byte[] all = stream("text");
    byte[] metadata = Frames.event("metadata",
        Json.writeString(Fixtures.jsonLines("bedrock/streams/text.events.jsonl").get(5).get("payload")));
    ChatStreamRelay relay = BedrockTargets.provider().chatStreamRelay(BedrockTargets.signed("m"));

    relay.feed(Arrays.copyOf(all, all.length - metadata.length));

    assertThat(relay.sawFinish()).isTrue();
    assertThat(relay.isDone()).isFalse();
    assertThat(relay.usage()).isNull();
  }
}
