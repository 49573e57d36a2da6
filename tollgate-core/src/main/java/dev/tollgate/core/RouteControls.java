package dev.tollgate.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads LiteLLM's per-request routing fields from a request's extra fields: {@code num_retries}
 * ({@code max_retries}), {@code timeout} and {@code stream_timeout} (seconds), {@code fallbacks} (group names, or
 * objects with a {@code model}), {@code disable_fallbacks}, and {@code tags} (or {@code metadata.tags}).
 */
final class RouteControls {
  private RouteControls() {}

  static RouteRequest of(String model, Map<String, JsonNode> extra, boolean stream, RouteTrace trace) {
    JsonNode retries = extra.containsKey("num_retries") ? extra.get("num_retries") : extra.get("max_retries");
    return new RouteRequest(
        model,
        tags(extra),
        stream,
        null,
        retries != null && retries.canConvertToInt() ? retries.asInt() : null,
        seconds(extra.get("timeout")),
        seconds(extra.get("stream_timeout")),
        fallbacks(extra.get("fallbacks")),
        extra.containsKey("disable_fallbacks") && extra.get("disable_fallbacks").asBoolean(false),
        trace);
  }

  private static Duration seconds(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return null;
    }
    return Duration.ofMillis((long) (node.asDouble() * 1000));
  }

  private static List<String> fallbacks(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode entry : node) {
      if (entry.isTextual()) {
        out.add(entry.asText());
      } else if (entry.isObject() && entry.hasNonNull("model")) {
        out.add(entry.get("model").asText());
      }
    }
    return out;
  }

  private static List<String> tags(Map<String, JsonNode> extra) {
    JsonNode tags = extra.get("tags");
    if (tags == null && extra.get("metadata") != null) {
      tags = extra.get("metadata").get("tags");
    }
    if (tags == null || !tags.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    tags.forEach(t -> out.add(t.asText()));
    return out;
  }
}
