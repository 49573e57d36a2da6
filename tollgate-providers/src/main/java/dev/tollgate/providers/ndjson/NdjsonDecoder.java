package dev.tollgate.providers.ndjson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental splitter for newline-delimited JSON ({@code application/x-ndjson}): bytes in, complete lines out, for
 * input split at any byte (a multi-byte UTF-8 character may straddle two pieces). LF and CRLF line ends; blank lines
 * are skipped. The lines are not parsed here.
 */
public final class NdjsonDecoder {
  private byte[] line = new byte[256];
  private int length;

  /** The lines these bytes complete, without their line ends. */
  public List<String> feed(byte[] bytes) {
    List<String> out = new ArrayList<>(2);
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        append(bytes, start, i - start);
        emit(out);
        start = i + 1;
      }
    }
    append(bytes, start, bytes.length - start);
    return out;
  }

  /** The last line when the stream ends without a final newline, or an empty list. */
  public List<String> finish() {
    List<String> out = new ArrayList<>(1);
    emit(out);
    return out;
  }

  private void append(byte[] bytes, int from, int count) {
    if (count <= 0) {
      return;
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(bytes, from, line, length, count);
    length += count;
  }

  private void emit(List<String> out) {
    int end = length;
    if (end > 0 && line[end - 1] == '\r') {
      end--;
    }
    String text = new String(line, 0, end, StandardCharsets.UTF_8);
    length = 0;
    if (!text.isBlank()) {
      out.add(text);
    }
  }
}
