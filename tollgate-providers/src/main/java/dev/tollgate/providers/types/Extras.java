package dev.tollgate.providers.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the unknown-field maps every wire type carries, so fields Tollgate does not model pass through. */
final class Extras {
  private Extras() {}

  static Map<String, JsonNode> freeze(Map<String, JsonNode> extra) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  static Map<String, JsonNode> mutable(Map<String, JsonNode> extra) {
    return extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
  }
}
