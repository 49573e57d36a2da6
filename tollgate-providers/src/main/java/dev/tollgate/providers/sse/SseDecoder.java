package dev.tollgate.providers.sse;

import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental decoder for the {@code text/event-stream} format (WHATWG HTML, server-sent events): bytes in, events out,
 * for input split at any byte. Handles LF, CRLF and CR line ends, comments, multi-line data and a missing space after
 * the colon.
 */
public final class SseDecoder {
  private byte[] line = new byte[256];
  private int lineLength;
  private final StringBuilder data = new StringBuilder();
  private String event;
  private boolean hasData;
  private boolean lastWasCr;

  public List<SseEvent> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  public List<SseEvent> feed(byte[] bytes, int offset, int length) {
    List<SseEvent> out = new ArrayList<>(2);
    int end = offset + length;
    int i = offset;
    while (i < end) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        boolean skip = b == '\n' && lastWasCr;
        lastWasCr = b == '\r';
        if (!skip) {
          endLine(out);
        }
        i++;
        continue;
      }
      lastWasCr = false;
      // Copy the run of bytes up to the next line end in one go.
      int stop = i;
      while (stop < end && bytes[stop] != '\n' && bytes[stop] != '\r') {
        stop++;
      }
      append(bytes, i, stop - i);
      i = stop;
    }
    return out;
  }

  private void append(byte[] bytes, int from, int count) {
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(bytes, from, line, lineLength, count);
    lineLength += count;
  }

  /** Dispatches an event left without its final blank line when the stream ends. */
  public List<SseEvent> finish() {
    List<SseEvent> out = new ArrayList<>(1);
    if (lineLength > 0) {
      endLine(out);
    }
    dispatch(out);
    return out;
  }

  private void endLine(List<SseEvent> out) {
    if (lineLength == 0) {
      dispatch(out);
      return;
    }
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> event = value;
      default -> {
        // id and retry are not used by model providers' streams
      }
    }
  }

  private void dispatch(List<SseEvent> out) {
    if (hasData) {
      out.add(new SseEvent(event, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    event = null;
  }
}
