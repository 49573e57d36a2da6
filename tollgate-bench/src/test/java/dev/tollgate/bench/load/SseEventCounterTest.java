package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseEventCounterTest {
  private static final String STREAM = "data: {\"a\":1}\n\n"
      + ": a comment\n\n"
      + "event: x\ndata: {\"b\":2}\n\n"
      + "data: {\"c\":\"data: [DONE]\"}\n\n"
      + "data: [DONE]\n\n";

  @Test
  void countsDataEventsAndSeesDone() {
    SseEventCounter c = new SseEventCounter();
    assertThat(c.feed(bytes(STREAM))).isEqualTo(4);
    assertThat(c.events()).isEqualTo(4);
    assertThat(c.done()).isTrue();
  }

  @Test
  void sameCountForEverySplitIntoTwoAndIntoSingleBytes() {
    byte[] all = bytes(STREAM);
    for (int cut = 0; cut <= all.length; cut++) {
      SseEventCounter c = new SseEventCounter();
      int n = c.feed(all, 0, cut) + c.feed(all, cut, all.length - cut);
      assertThat(n).as("split at %d", cut).isEqualTo(4);
      assertThat(c.done()).as("split at %d", cut).isTrue();
    }
    SseEventCounter c = new SseEventCounter();
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      n += c.feed(all, i, 1);
    }
    assertThat(n).isEqualTo(4);
    assertThat(c.done()).isTrue();
  }

  @Test
  void crLfLineEndsAndNoSpaceAfterColon() {
    SseEventCounter c = new SseEventCounter();
    assertThat(c.feed(bytes("data:{}\r\n\r\ndata:[DONE]\r\n\r\n"))).isEqualTo(2);
    assertThat(c.done()).isTrue();
  }

  @Test
  void anEventIsCountedOnlyAtItsBlankLine() {
    SseEventCounter c = new SseEventCounter();
    assertThat(c.feed(bytes("data: {}\n"))).isZero();
    assertThat(c.feed(bytes("\n"))).isEqualTo(1);
    assertThat(c.done()).isFalse();
  }

  @Test
  void doneMustBeTheWholeValue() {
    SseEventCounter c = new SseEventCounter();
    c.feed(bytes("data: [DONE]x\n\ndata: x[DONE]\n\n"));
    assertThat(c.events()).isEqualTo(2);
    assertThat(c.done()).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
