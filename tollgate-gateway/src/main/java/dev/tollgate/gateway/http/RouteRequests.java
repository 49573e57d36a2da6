package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The router's view of one request, read from LiteLLM's per-request controls: body {@code tags} (or
 * {@code metadata.tags}) and the {@code x-litellm-tags} header; {@code num_retries} / {@code x-litellm-num-retries};
 * {@code timeout} / {@code x-litellm-timeout}; {@code stream_timeout} / {@code x-litellm-stream-timeout} (a header
 * wins over the body); {@code fallbacks} (model names, or objects with a {@code model}); {@code disable_fallbacks}.
 * Must run before the control fields are stripped from the body. A control of the wrong type is a 400 naming it.
 */
final class RouteRequests {
  private RouteRequests() {}

  /**
   * @param model the model group to route (the requested name after the key's aliases)
   * @param field the body's top-level fields by name (null when absent)
   * @param header the request's headers by (lower-case) name (null when absent)
   * @param promptTokens counts the prompt when the router needs it (memoized here)
   */
  static RouteRequest of(String model, Function<String, JsonNode> field, Function<String, String> header,
      boolean stream, LongSupplier promptTokens) {
    return new RouteRequest(
        model,
        tags(field, header.apply("x-litellm-tags")),
        stream,
        promptTokens == null ? null : memoized(promptTokens),
        count(field.apply("num_retries"), header.apply("x-litellm-num-retries"), "num_retries",
            "x-litellm-num-retries"),
        seconds(field.apply("timeout"), header.apply("x-litellm-timeout"), "timeout", "x-litellm-timeout"),
        seconds(field.apply("stream_timeout"), header.apply("x-litellm-stream-timeout"), "stream_timeout",
            "x-litellm-stream-timeout"),
        fallbacks(field.apply("fallbacks")),
        flag(field.apply("disable_fallbacks"), "disable_fallbacks"),
        new RouteTrace());
  }

  /** Body {@code tags}, else {@code metadata.tags}, then the header's comma list; empty when none. */
  static List<String> tags(Function<String, JsonNode> field, String header) {
    JsonNode listed = field.apply("tags");
    if (listed == null || listed.isNull()) {
      JsonNode metadata = field.apply("metadata");
      listed = metadata == null ? null : metadata.get("tags");
    }
    if ((listed == null || listed.isNull()) && header == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(4);
    if (listed != null && !listed.isNull()) {
      if (!listed.isArray()) {
        throw ApiError.badRequest("'tags' must be an array of strings", "tags");
      }
      listed.forEach(t -> {
        if (t.isTextual() && !t.asText().isBlank() && !out.contains(t.asText())) {
          out.add(t.asText());
        }
      });
    }
    if (header != null) {
      for (String t : header.split(",")) {
        String tag = t.strip();
        if (!tag.isEmpty() && !out.contains(tag)) {
          out.add(tag);
        }
      }
    }
    return out;
  }

  /** {@code ["m2", {"model": "m3", ...}]}: the model names, in order; null when absent. */
  static List<String> fallbacks(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw ApiError.badRequest("'fallbacks' must be an array of model names (or of objects with a \"model\")",
          "fallbacks");
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      JsonNode name = item.isObject() ? item.get("model") : item;
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw ApiError.badRequest("each of 'fallbacks' must be a model name or an object with a \"model\"",
            "fallbacks");
      }
      out.add(name.asText());
    }
    return out;
  }

  private static boolean flag(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw ApiError.badRequest("'" + name + "' must be true or false", name);
    }
    return node.booleanValue();
  }

  private static Integer count(JsonNode body, String header, String field, String headerName) {
    if (header != null) {
      try {
        int n = Integer.parseInt(header.trim());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw ApiError.badRequest(headerName + " must be a whole number, 0 or more, got '" + header + "'", null);
    }
    if (body == null || body.isNull()) {
      return null;
    }
    if (!body.canConvertToExactIntegral() || body.asInt() < 0) {
      throw ApiError.badRequest("'" + field + "' must be a whole number, 0 or more", field);
    }
    return body.asInt();
  }

  private static Duration seconds(JsonNode body, String header, String field, String headerName) {
    if (header != null) {
      try {
        return positive(Double.parseDouble(header.trim()), field);
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(headerName + " must be a number of seconds, got '" + header + "'", null);
      }
    }
    if (body == null || body.isNull()) {
      return null;
    }
    if (!body.isNumber()) {
      throw ApiError.badRequest("'" + field + "' must be a number of seconds", field);
    }
    return positive(body.asDouble(), field);
  }

  private static Duration positive(double seconds, String field) {
    if (!(seconds > 0)) {
      throw ApiError.badRequest(field + " must be a positive number of seconds", field);
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private static LongSupplier memoized(LongSupplier counter) {
    long[] counted = {-1};
    return () -> {
      if (counted[0] < 0) {
        counted[0] = Math.max(0, counter.getAsLong());
      }
      return counted[0];
    };
  }
}
