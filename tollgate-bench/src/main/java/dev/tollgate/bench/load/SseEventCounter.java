package dev.tollgate.bench.load;

/**
 * Counts server-sent events in raw bytes that may be split anywhere. An event is complete at the blank line that ends
 * it and counts when it had at least one {@code data:} line; {@code data: [DONE]} is noticed. CR LF line ends work
 * (the CR is ignored). Not thread safe: one per stream.
 */
public final class SseEventCounter {
  private static final byte[] DATA = "data:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] DONE = "[DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private int lineLength; // bytes of the current line seen so far (without CR)
  private boolean lineIsData; // the current line starts with "data:"
  private int donePos; // bytes of the value matched against "[DONE]", -1 once it cannot match
  private boolean eventHasData;
  private boolean eventIsDone;
  private long events;
  private boolean done;

  /** Feeds bytes; returns how many events completed inside them. */
  public int feed(byte[] bytes, int offset, int length) {
    int completed = 0;
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\r') {
        continue;
      }
      if (b == '\n') {
        if (lineLength == 0) {
          if (eventHasData) {
            completed++;
            events++;
            if (eventIsDone) {
              done = true;
            }
          }
          eventHasData = false;
          eventIsDone = false;
        } else if (lineIsData) {
          eventHasData = true;
          if (donePos == DONE.length) {
            eventIsDone = true;
          }
        }
        lineLength = 0;
        lineIsData = false;
        donePos = 0;
        continue;
      }
      if (lineLength < DATA.length) {
        if (b != DATA[lineLength]) {
          lineIsData = false;
          lineLength = DATA.length + 1; // not a data line: stop matching
          continue;
        }
        lineLength++;
        lineIsData = lineLength == DATA.length;
        continue;
      }
      lineLength++;
      if (lineIsData && donePos >= 0) {
        if (donePos == 0 && b == ' ' && lineLength == DATA.length + 1) {
          continue; // the one optional space after "data:"
        }
        if (donePos < DONE.length && b == DONE[donePos]) {
          donePos++;
        } else {
          donePos = -1;
        }
      }
    }
    return completed;
  }

  public int feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /** Events with data seen so far (including {@code [DONE]}). */
  public long events() {
    return events;
  }

  /** Whether the {@code data: [DONE]} event was seen. */
  public boolean done() {
    return done;
  }
}
