package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys LiteLLM accepts in each config section, read once from {@code known-keys.json} next to this class. A key
 * that is listed is never reported as unknown, even if Tollgate does not act on it yet.
 */
final class KnownKeys {
  static final String TOP_LEVEL = "top_level";
  static final String MODEL_LIST_ENTRY = "model_list_entry";
  static final String LITELLM_SETTINGS = "litellm_settings";
  static final String ROUTER_SETTINGS = "router_settings";
  static final String GENERAL_SETTINGS = "general_settings";

  private static final Map<String, Set<String>> SECTIONS = load();

  private KnownKeys() {}

  /** Known keys of a section; throws if the section is not in the data file (a programming error). */
  static Set<String> of(String section) {
    Set<String> keys = SECTIONS.get(section);
    if (keys == null) {
      throw new IllegalArgumentException("no known-keys section " + section);
    }
    return keys;
  }

  private static Map<String, Set<String>> load() {
    try (InputStream in = KnownKeys.class.getResourceAsStream("known-keys.json")) {
      if (in == null) {
        throw new IllegalStateException("known-keys.json is missing from the classpath");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Set<String>> out = new TreeMap<>();
      root.properties()
          .forEach(
              e -> {
                if (e.getValue().isArray()) {
                  Set<String> keys = new LinkedHashSet<>();
                  e.getValue().forEach(k -> keys.add(k.asText()));
                  out.put(e.getKey(), Set.copyOf(keys));
                }
              });
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read known-keys.json", e);
    }
  }
}
