package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;

/** Anthropic's SSE framing: every event has its {@code event:} line, then one {@code data:} line of JSON. */
public final class AnthropicSse {
  private AnthropicSse() {}

  /** {@code event: <name>\ndata: <json>\n\n}. */
  public static byte[] frame(String event, JsonNode data) {
    return frame(event, Json.writeString(data));
  }

  /** The same with data already written as JSON text; a null event writes only the data line. */
  public static byte[] frame(String event, String data) {
    String head = event == null ? "" : "event: " + event + "\n";
    return (head + "data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }
}
