package dev.tollgate.providers.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes AWS event-stream frames by hand from the format's description (big-endian lengths, CRC32 of the prelude and
 * of the whole message, string headers as type 7), independently of the library the decoder uses, so that a test
 * of the decoder checks it against the format rather than against itself.
 */
public final class Frames {
  private Frames() {}

  public static byte[] frame(Map<String, String> headers, byte[] payload) {
    ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
    headers.forEach((name, value) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      headerBytes.write(n.length);
      headerBytes.writeBytes(n);
      headerBytes.write(7);
      headerBytes.write((v.length >> 8) & 0xff);
      headerBytes.write(v.length & 0xff);
      headerBytes.writeBytes(v);
    });
    byte[] h = headerBytes.toByteArray();
    int total = 12 + h.length + payload.length + 4;
    ByteBuffer buffer = ByteBuffer.allocate(total);
    buffer.putInt(total).putInt(h.length);
    buffer.putInt((int) crc(buffer.array(), 0, 8));
    buffer.put(h).put(payload);
    buffer.putInt((int) crc(buffer.array(), 0, total - 4));
    return buffer.array();
  }

  /** An event frame as Bedrock sends it. */
  public static byte[] event(String eventType, String json) {
    return frame(new java.util.LinkedHashMap<>(Map.of(":event-type", eventType, ":content-type", "application/json",
        ":message-type", "event")), json.getBytes(StandardCharsets.UTF_8));
  }

  /** An exception frame as Bedrock sends it. */
  public static byte[] exception(String exceptionType, String json) {
    return frame(new java.util.LinkedHashMap<>(Map.of(":exception-type", exceptionType, ":content-type",
        "application/json", ":message-type", "exception")), json.getBytes(StandardCharsets.UTF_8));
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
