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

  /**
   * As {@link #freeze(Map)}, and drops an explicit-null marker (see {@link ExplicitNulls}) for each typed field that has
   * a value, so no field is written twice. {@code typed} is pairs of JSON name and the record's value for it.
   */
  static Map<String, JsonNode> freeze(Map<String, JsonNode> extra, Object... typed) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> copy = null;
    for (int i = 0; i + 1 < typed.length; i += 2) {
      String name = (String) typed[i];
      JsonNode marker = extra.get(name);
      if (typed[i + 1] != null && marker != null && marker.isNull()) {
        if (copy == null) {
          copy = new LinkedHashMap<>(extra);
        }
        copy.remove(name);
      }
    }
    return freeze(copy == null ? extra : copy);
  }

  static Map<String, JsonNode> mutable(Map<String, JsonNode> extra) {
    return extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
  }
}
