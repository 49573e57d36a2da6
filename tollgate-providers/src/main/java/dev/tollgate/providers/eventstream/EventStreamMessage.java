package dev.tollgate.providers.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One decoded AWS event-stream message: its string headers ({@code :message-type}, {@code :event-type},
 * {@code :exception-type}, ...) and its payload bytes. Non-string header values are kept as their text form.
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {
  public EventStreamMessage {
    headers = Map.copyOf(headers);
  }

  /** A header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** {@code :message-type}: {@code event}, {@code exception} or {@code error}. */
  public String messageType() {
    return headers.get(":message-type");
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
