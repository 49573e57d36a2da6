package dev.tollgate.providers.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventStreamDecoderTest {

  private static byte[] twoEvents() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Frames.event("messageStart", "{\"role\":\"assistant\"}"));
    out.writeBytes(Frames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hé\"}}"));
    return out.toByteArray();
  }

  @Test
  void decodesFramesFedWhole() {
    List<EventStreamMessage> messages = new EventStreamDecoder().feed(twoEvents());

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).messageType()).isEqualTo("event");
    assertThat(messages.get(0).header(":event-type")).isEqualTo("messageStart");
    assertThat(messages.get(1).payloadText()).isEqualTo("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hé\"}}");
  }

  @Test
  void decodesFramesFedOneByteAtATimeAndInRandomPieces() {
    byte[] bytes = twoEvents();
    EventStreamDecoder byByte = new EventStreamDecoder();
    List<EventStreamMessage> seen = new ArrayList<>();
    for (byte b : bytes) {
      seen.addAll(byByte.feed(new byte[] {b}));
    }
    assertThat(seen).extracting(m -> m.header(":event-type")).containsExactly("messageStart", "contentBlockDelta");

    Random random = new Random(42);
    for (int run = 0; run < 20; run++) {
      EventStreamDecoder decoder = new EventStreamDecoder();
      List<EventStreamMessage> got = new ArrayList<>();
      int at = 0;
      while (at < bytes.length) {
        int n = Math.min(bytes.length - at, 1 + random.nextInt(40));
        got.addAll(decoder.feed(Arrays.copyOfRange(bytes, at, at + n)));
        at += n;
      }
      assertThat(got).hasSize(2);
      assertThat(got.get(1).payloadText()).contains("Hé");
    }
  }

  @Test
  void aFrameWithoutItsLastBytesYieldsNothingYet() {
    byte[] frame = Frames.event("messageStop", "{\"stopReason\":\"end_turn\"}");

    assertThat(new EventStreamDecoder().feed(Arrays.copyOf(frame, frame.length - 1))).isEmpty();
  }

  @Test
  void aCorruptedPayloadFailsTheMessageChecksum() {
    byte[] frame = Frames.event("contentBlockDelta", "{\"delta\":{\"text\":\"abc\"}}");
    frame[frame.length - 8] ^= 0x01;

    assertThatThrownBy(() -> new EventStreamDecoder().feed(frame))
        .isInstanceOf(EventStreamDecoder.EventStreamException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void aCorruptedLengthFailsThePreludeChecksum() {
    byte[] frame = Frames.event("messageStart", "{}");
    frame[3] ^= 0x01;

    assertThatThrownBy(() -> new EventStreamDecoder().feed(frame))
        .isInstanceOf(EventStreamDecoder.EventStreamException.class)
        .hasMessageContaining("Prelude");
  }

  @Test
  void exceptionFramesCarryTheirType() {
    byte[] frame = Frames.exception("throttlingException", "{\"message\":\"slow down\"}");

    EventStreamMessage message = new EventStreamDecoder().feed(frame).get(0);

    assertThat(message.messageType()).isEqualTo("exception");
    assertThat(message.header(":exception-type")).isEqualTo("throttlingException");
    assertThat(new String(message.payload(), StandardCharsets.UTF_8)).contains("slow down");
  }
}
