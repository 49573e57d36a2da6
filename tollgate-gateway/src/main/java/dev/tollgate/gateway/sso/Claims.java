package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a claim by name, or by a dotted path into nested objects ({@code attributes.email}). */
final class Claims {
  private Claims() {}

  /** The value at {@code path}, or null when it is absent or JSON null. A name with a dot is tried whole first. */
  static JsonNode at(JsonNode claims, String path) {
    if (claims == null || path == null || path.isEmpty()) {
      return null;
    }
    JsonNode whole = claims.get(path);
    if (whole != null) {
      return whole.isNull() ? null : whole;
    }
    JsonNode node = claims;
    for (String part : path.split("\\.")) {
      node = node.get(part);
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  /** The value at {@code path} as non-blank text (a number is written as text), or null. */
  static String text(JsonNode claims, String path) {
    JsonNode v = at(claims, path);
    if (v == null || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }
}
