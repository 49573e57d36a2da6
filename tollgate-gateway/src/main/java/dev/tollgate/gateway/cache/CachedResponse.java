package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/**
 * One stored answer: the OpenAI-format response JSON (a {@code chat.completion} or an embedding {@code list}, with
 * its {@code usage}) and when it was stored. Stored as {@code {"timestamp": <epoch seconds>, "timestamp_ms": <epoch
 * ms>, "response": {...}}}, the same JSON in memory and in Redis.
 */
public record CachedResponse(long storedAtMillis, ObjectNode response) {

  /** Whether the entry is older than {@code maxAgeSeconds} at {@code nowMillis}. */
  public boolean olderThan(long maxAgeSeconds, long nowMillis) {
    return nowMillis - storedAtMillis > maxAgeSeconds * 1000;
  }

  public byte[] toBytes() {
    ObjectNode out = Json.object();
    out.put("timestamp", storedAtMillis / 1000.0);
    out.put("timestamp_ms", storedAtMillis);
    out.set("response", response);
    return Json.write(out);
  }

  /** The entry in {@code bytes}, or null when they are not one (a foreign or corrupt value is a miss). */
  public static CachedResponse fromBytes(byte[] bytes) {
    try {
      JsonNode node = Json.tree(bytes);
      JsonNode response = node.get("response");
      if (!(response instanceof ObjectNode o)) {
        return null;
      }
      long at = node.has("timestamp_ms") ? node.get("timestamp_ms").asLong()
          : (long) (node.path("timestamp").asDouble() * 1000);
      return new CachedResponse(at, o);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
