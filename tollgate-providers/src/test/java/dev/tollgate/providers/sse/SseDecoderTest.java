package dev.tollgate.providers.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseDecoderTest {

  /** Every SSE fixture, in LF (as stored), CRLF and CR line-end variants. */
  static Stream<Arguments> streams() {
    List<Arguments> out = new ArrayList<>();
    List<String> files = new ArrayList<>();
    Fixtures.files("sse", ".sse").forEach(n -> files.add("sse/" + n + ".sse"));
    Fixtures.files("openai/stream", ".sse").forEach(n -> files.add("openai/stream/" + n + ".sse"));
    for (String file : files) {
      String lf = Fixtures.text(file);
      out.add(Arguments.of(file + " LF", lf));
      out.add(Arguments.of(file + " CRLF", lf.replace("\n", "\r\n")));
      out.add(Arguments.of(file + " CR", lf.replace("\n", "\r")));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void everySplitPointGivesTheSameEvents(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<SseEvent> whole = decodeWhole(bytes);
    assertThat(whole).isNotEmpty();
    for (int cut = 0; cut <= bytes.length; cut++) {
      SseDecoder decoder = new SseDecoder();
      List<SseEvent> events = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, cut)));
      events.addAll(decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length)));
      events.addAll(decoder.finish());
      assertThat(events).as("split at byte %d", cut).isEqualTo(whole);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void byteByByteGivesTheSameEvents(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : bytes) {
      events.addAll(decoder.feed(new byte[] {b}));
    }
    events.addAll(decoder.finish());
    assertThat(events).isEqualTo(decodeWhole(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void lineEndsDoNotChangeTheEvents(String name, String text) {
    String lf = text.replace("\r\n", "\n").replace("\r", "\n");
    assertThat(decodeWhole(text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(decodeWhole(lf.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void namedEventsCommentsAndMultiLineDataMatchTheExpectedEvents() {
    List<SseEvent> expected = new ArrayList<>();
    for (JsonNode e : Fixtures.jsonLines("sse/named.events.jsonl")) {
      expected.add(new SseEvent(e.get("event").isNull() ? null : e.get("event").asText(), e.get("data").asText()));
    }
    List<SseEvent> events = decodeWhole(Fixtures.bytes("sse/named.sse"));
    assertThat(events).isEqualTo(expected);
  }

  @Test
  void commentsAloneGiveNoEvent() {
    SseDecoder decoder = new SseDecoder();
    assertThat(decoder.feed(": keep-alive\n\n: keep-alive\r\n\r\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void lastEventWithoutTrailingBlankLineNeedsFinish() {
    String text = Fixtures.text("openai/stream/text.sse").stripTrailing(); // ends "data: [DONE]" with no newline
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>(decoder.feed(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(events).isNotEmpty().noneMatch(e -> e.data().equals("[DONE]"));
    List<SseEvent> rest = decoder.finish();
    assertThat(rest).containsExactly(new SseEvent(null, "[DONE]"));
    assertThat(decoder.finish()).isEmpty();
  }

  @Test
  void lastEventEndedByOneNewlineIsDispatchedByFinish() {
    SseDecoder decoder = new SseDecoder();
    assertThat(decoder.feed("event: done\ndata: bye\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(decoder.finish()).containsExactly(new SseEvent("done", "bye"));
  }

  @Test
  void crAtTheEndOfOnePieceAndLfAtTheStartOfTheNextIsOneLineEnd() {
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>(decoder.feed("data: a\r".getBytes(StandardCharsets.UTF_8)));
    events.addAll(decoder.feed("\n\r".getBytes(StandardCharsets.UTF_8)));
    events.addAll(decoder.feed("\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(events).containsExactly(new SseEvent(null, "a"), new SseEvent(null, "b"));
  }

  @Test
  void feedWithOffsetAndLength() {
    byte[] bytes = "xxdata: hi\n\nyy".getBytes(StandardCharsets.UTF_8);
    assertThat(new SseDecoder().feed(bytes, 2, bytes.length - 4)).containsExactly(new SseEvent(null, "hi"));
  }

  private static List<SseEvent> decodeWhole(byte[] bytes) {
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>(decoder.feed(bytes));
    events.addAll(decoder.finish());
    return events;
  }
}
