package dev.tollgate.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.TranslatingStreamRelay;
import dev.tollgate.providers.sse.JsonKeyScan;
import dev.tollgate.providers.sse.SseDecoder;
import dev.tollgate.providers.sse.SseEvent;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The relay for OpenAI-format streams: each upstream event's data goes to the client unchanged, without parsing its
 * JSON. Only an event that carries an {@code "error"} is parsed, to raise the typed error, and the one that carries a
 * usage object, to read it; the end marker and finish reasons are found by scanning the bytes.
 *
 * <p>Events are cut from the bytes as they are: an event that is one {@code data: ...} line ended by {@code \n\n}
 * (what OpenAI-format servers send) is relayed as its own bytes, with no text decoding, and when one network read
 * holds exactly one such event the frame is that read's array itself. Anything else (comments, {@code event:} lines,
 * data over several lines, {@code data:} without a space) goes through the full {@link SseDecoder}, one whole event
 * at a time; a stream with a carriage return anywhere uses the decoder from then on.
 */
final class OpenAiStreamPassthrough implements ChatStreamRelay {
  private static final JsonKeyScan ERROR = new JsonKeyScan("error");
  private static final JsonKeyScan FINISH_REASON = new JsonKeyScan("finish_reason");
  private static final JsonKeyScan USAGE = new JsonKeyScan("usage");
  private static final byte[] DATA_SPACE = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final SseDecoder sse = new SseDecoder();
  private final String provider;
  private final String model;
  /** Bytes of an event not complete yet (always starts at an event boundary). */
  private byte[] pending = new byte[0];
  private int pendingLength;
  /** True once a carriage return was seen: every byte then goes through {@link #sse}. */
  private boolean decodeAll;
  private boolean done;
  private boolean sawFinish;
  private boolean hideUsageChunk;
  private Usage usage;

  OpenAiStreamPassthrough(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  @Override
  public List<byte[]> feed(byte[] bytes) {
    List<byte[]> frames = new ArrayList<>(1);
    if (done) {
      return frames;
    }
    if (!decodeAll && contains(bytes, (byte) '\r')) {
      decodeAll = true;
      List<SseEvent> events = sse.feed(pending, 0, pendingLength);
      pendingLength = 0;
      decoded(events, frames);
    }
    if (decodeAll) {
      decoded(sse.feed(bytes), frames);
      return frames;
    }
    byte[] buf = bytes;
    int end = bytes.length;
    if (pendingLength > 0) {
      append(bytes);
      buf = pending;
      end = pendingLength;
    }
    int start = cut(buf, end, buf == bytes, frames);
    keep(buf, start, end);
    return frames;
  }

  /** Relays the complete events of {@code buf[0, end)}; returns where the incomplete rest starts. */
  private int cut(byte[] buf, int end, boolean ownArray, List<byte[]> frames) {
    int i = 0;
    while (i < end && !done) {
      if (buf[i] == '\n') { // a blank line with no event before it
        i++;
        continue;
      }
      int lineEnd = indexOf(buf, (byte) '\n', i, end);
      if (lineEnd < 0 || lineEnd + 1 >= end) {
        return i;
      }
      if (buf[lineEnd + 1] == '\n' && startsWith(buf, i, lineEnd, DATA_SPACE)) {
        int eventEnd = lineEnd + 2;
        byte[] frame = ownArray && i == 0 && eventEnd == end ? buf : null;
        data(buf, i + DATA_SPACE.length, lineEnd, frame, i, eventEnd, frames);
        i = eventEnd;
        continue;
      }
      int eventEnd = indexOfBlankLine(buf, lineEnd, end);
      if (eventEnd < 0) {
        return i;
      }
      decoded(sse.feed(buf, i, eventEnd - i), frames);
      i = eventEnd;
    }
    return done ? end : i;
  }

  /**
   * One event's data {@code buf[from, to)}. {@code frame} is the whole event as the client gets it when it is
   * available as an array; else {@code buf[eventFrom, eventTo)} is (eventTo 0: build the frame from the data).
   */
  private void data(byte[] buf, int from, int to, byte[] frame, int eventFrom, int eventTo, List<byte[]> frames) {
    if (isDone(buf, from, to)) {
      done = true;
      return;
    }
    if (ERROR.occursIn(buf, from, to)) {
      // Parses and throws the typed error when the event is an error object; a chunk that merely mentions the word
      // is decoded like any other.
      byte[] event = new byte[to - from + DATA_SPACE.length + 2];
      System.arraycopy(DATA_SPACE, 0, event, 0, DATA_SPACE.length);
      System.arraycopy(buf, from, event, DATA_SPACE.length, to - from);
      event[event.length - 2] = '\n';
      event[event.length - 1] = '\n';
      new OpenAiStreamDecoder(provider, model).feed(event);
    }
    if (!sawFinish && FINISH_REASON.valueStartsWith(buf, from, to, (byte) '"')) {
      sawFinish = true;
    }
    if (USAGE.valueStartsWith(buf, from, to, (byte) '{')) {
      // Only the event that carries a usage object is parsed (usually the last one); the rest pass as bytes.
      JsonNode parsed;
      try {
        parsed = Json.tree(Arrays.copyOfRange(buf, from, to));
      } catch (RuntimeException malformed) {
        parsed = Json.object();
      }
      JsonNode u = parsed.get("usage");
      if (u != null && u.isObject()) {
        usage = Json.convert(u, Usage.class);
      }
      JsonNode choices = parsed.get("choices");
      if (hideUsageChunk && (choices == null || (choices.isArray() && choices.isEmpty()))) {
        return;
      }
    }
    if (frame != null) {
      frames.add(frame);
    } else if (eventTo > 0) {
      frames.add(Arrays.copyOfRange(buf, eventFrom, eventTo));
    } else {
      frames.add(TranslatingStreamRelay.frame(Arrays.copyOfRange(buf, from, to)));
    }
  }

  /** Events from the full decoder. */
  private void decoded(List<SseEvent> events, List<byte[]> frames) {
    for (SseEvent event : events) {
      if (done) {
        return;
      }
      byte[] d = event.data().getBytes(StandardCharsets.UTF_8);
      data(d, 0, d.length, null, 0, 0, frames);
    }
  }

  /** {@code [DONE]}, with any whitespace around it. */
  private static boolean isDone(byte[] buf, int from, int to) {
    while (from < to && isSpace(buf[from])) {
      from++;
    }
    while (to > from && isSpace(buf[to - 1])) {
      to--;
    }
    return Arrays.equals(buf, from, to, DONE, 0, DONE.length);
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
  }

  private void append(byte[] bytes) {
    if (pendingLength + bytes.length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
    }
    System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
    pendingLength += bytes.length;
  }

  /** Keeps {@code buf[start, end)} as the pending bytes. */
  private void keep(byte[] buf, int start, int end) {
    int rest = end - start;
    if (buf == pending) {
      System.arraycopy(pending, start, pending, 0, rest);
    } else if (rest > 0) {
      if (rest > pending.length) {
        pending = new byte[Math.max(rest, 256)];
      }
      System.arraycopy(buf, start, pending, 0, rest);
    }
    pendingLength = rest;
  }

  /** The end (exclusive) of the first blank line at or after the line end {@code lineEnd}, or -1. */
  private static int indexOfBlankLine(byte[] buf, int lineEnd, int end) {
    for (int i = lineEnd; i + 1 < end; i++) {
      if (buf[i] == '\n' && buf[i + 1] == '\n') {
        return i + 2;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] buf, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(byte[] buf, byte b) {
    return indexOf(buf, b, 0, buf.length) >= 0;
  }

  private static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
    return to - from >= prefix.length && Arrays.equals(buf, from, from + prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean isDone() {
    return done;
  }

  @Override
  public boolean sawFinish() {
    return sawFinish;
  }

  @Override
  public Usage usage() {
    return usage;
  }

  @Override
  public void hideUsageChunk() {
    hideUsageChunk = true;
  }

  /** True when the event has a {@code "usage"} key whose value is an object (not null). */
  static boolean hasUsageObject(String data) {
    byte[] b = data.getBytes(StandardCharsets.UTF_8);
    return USAGE.valueStartsWith(b, 0, b.length, (byte) '{');
  }

  /** True when some {@code "finish_reason"} in the event has a string value (not null). */
  static boolean hasFinishReason(String data) {
    byte[] b = data.getBytes(StandardCharsets.UTF_8);
    return FINISH_REASON.valueStartsWith(b, 0, b.length, (byte) '"');
  }
}
