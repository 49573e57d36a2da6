package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the {@code litellm_params} that remote guardrails share, with errors that name the entry. */
public final class RemoteParams {
  private RemoteParams() {}

  /** {@code timeout} in seconds (a number or a numeric string, more than 0), else {@code fallback}. */
  public static Duration timeout(JsonNode params, Duration fallback, String where) {
    JsonNode node = params.get("timeout");
    if (node == null || node.isNull()) {
      return fallback;
    }
    double seconds;
    try {
      seconds = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": timeout must be a number of seconds, got '" + node.asText() + "'");
    }
    if (!(seconds > 0) || seconds > 3600) {
      throw new ConfigException(where + ": timeout must be more than 0 and at most 3600 seconds");
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }

  /** A required non-blank string. */
  public static String required(JsonNode params, String field, String what, String where) {
    JsonNode node = params.get(field);
    if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
      throw new ConfigException(where + ": litellm_params." + field + " is required (" + what + ")");
    }
    return node.asText().strip();
  }

  /** An optional string, null when absent. */
  public static String optional(JsonNode params, String field, String where) {
    JsonNode node = params.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new ConfigException(where + ": " + field + " must be a string");
    }
    return node.asText();
  }

  /** An object of header names to values (numbers and booleans as text); empty when absent. */
  public static Map<String, String> headers(JsonNode params, String field, String where) {
    JsonNode node = params.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ConfigException(where + ": " + field + " must be an object of header names to values");
    }
    node.properties().forEach(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw new ConfigException(where + ": " + field + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    });
    return out;
  }

  /** A list of strings; empty when absent. */
  public static List<String> strings(JsonNode params, String field, String where) {
    JsonNode node = params.get(field);
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException(where + ": " + field + " must be a list of strings");
    }
    node.forEach(n -> {
      if (!n.isTextual()) {
        throw new ConfigException(where + ": " + field + " must be a list of strings");
      }
      out.add(n.asText());
    });
    return out;
  }
}
