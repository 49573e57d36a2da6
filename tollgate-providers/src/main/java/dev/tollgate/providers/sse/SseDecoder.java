package dev.tollgate.providers.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental decoder for the {@code text/event-stream} format (WHATWG HTML, server-sent events): bytes in, events out,
 * for input split at any byte. Handles LF, CRLF and CR line ends, comments, multi-line data and a missing space after
 * the colon.
 */
public final class SseDecoder {
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private String event;
  private boolean hasData;
  private boolean lastWasCr;

  public List<SseEvent> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  public List<SseEvent> feed(byte[] bytes, int offset, int length) {
    List<SseEvent> out = new ArrayList<>(2);
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false;
          continue;
        }
        endLine(out);
      } else if (b == '\r') {
        lastWasCr = true;
        endLine(out);
      } else {
        lastWasCr = false;
        line.write(b);
      }
    }
    return out;
  }

  /** Dispatches an event left without its final blank line when the stream ends. */
  public List<SseEvent> finish() {
    List<SseEvent> out = new ArrayList<>(1);
    if (line.size() > 0) {
      endLine(out);
    }
    dispatch(out);
    return out;
  }

  private void endLine(List<SseEvent> out) {
    if (line.size() == 0) {
      dispatch(out);
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
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
