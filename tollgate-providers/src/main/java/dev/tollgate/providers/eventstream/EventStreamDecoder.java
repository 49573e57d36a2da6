package dev.tollgate.providers.eventstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Splits an {@code application/vnd.amazon.eventstream} body into messages. The bytes may arrive in pieces of any size;
 * a message is returned once all of its bytes are in. Both checksums of every message (prelude CRC32 and message
 * CRC32) are verified, so a corrupted or mis-split frame fails loudly instead of decoding as a short answer.
 *
 * <p>The framing itself is AWS's own decoder ({@code software.amazon.eventstream}, no dependencies), wrapped so that
 * callers see plain string headers and one exception type.
 */
public final class EventStreamDecoder {
  private final MessageDecoder decoder = new MessageDecoder();

  /** Consumes bytes; returns the messages they complete. Throws {@link EventStreamException} on a bad frame. */
  public List<EventStreamMessage> feed(byte[] bytes) {
    try {
      decoder.feed(bytes);
    } catch (IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException e) {
      throw new EventStreamException("malformed event-stream frame: " + e.getMessage(), e);
    }
    List<Message> messages = decoder.getDecodedMessages();
    List<EventStreamMessage> out = new ArrayList<>(messages.size());
    for (Message message : messages) {
      out.add(new EventStreamMessage(headers(message), message.getPayload()));
    }
    return out;
  }

  private static Map<String, String> headers(Message message) {
    Map<String, String> out = new LinkedHashMap<>();
    message.getHeaders().forEach((name, value) -> out.put(name, text(value)));
    return out;
  }

  /** String headers as they are; other types (never sent by Bedrock) as the library prints them. */
  private static String text(HeaderValue value) {
    try {
      return value.getString();
    } catch (RuntimeException notAString) {
      return String.valueOf(value);
    }
  }

  /** A frame whose length or checksum is wrong. */
  public static final class EventStreamException extends RuntimeException {
    public EventStreamException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
