package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers where each value came from (file and line), so that errors found while binding can point
 * at the line a person has to fix. Internal to the loader; the public records hold plain values and {@link JsonNode}s.
 */
sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

  Origin origin();

  /** Converts to a plain Jackson tree (locations are dropped). */
  JsonNode toJson();

  /** A deep copy (used for YAML aliases, so that merging one copy cannot change another). */
  ConfigNode copy();

  /** A short description of the value for error messages: {@code "abc"}, {@code 12}, {@code a list}. */
  String describe();

  /** File name and 1-based line of a value. */
  record Origin(String source, int line) {
    String describe() {
      return line > 0 ? source + " line " + line : source;
    }
  }

  /** A YAML mapping; keys keep file order. Mutable only while the loader builds and merges it. */
  record MapNode(Origin origin, LinkedHashMap<String, ConfigNode> entries) implements ConfigNode {
    MapNode(Origin origin) {
      this(origin, new LinkedHashMap<>());
    }

    ConfigNode get(String key) {
      return entries.get(key);
    }

    @Override
    public MapNode copy() {
      MapNode out = new MapNode(origin);
      entries.forEach((k, v) -> out.entries.put(k, v.copy()));
      return out;
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      entries.forEach((k, v) -> node.set(k, v.toJson()));
      return node;
    }

    /** Plain copy of every entry whose key is not in {@code exclude}, in file order. */
    Map<String, JsonNode> toJsonMap(java.util.Set<String> exclude) {
      Map<String, JsonNode> out = new LinkedHashMap<>();
      entries.forEach(
          (k, v) -> {
            if (!exclude.contains(k)) {
              out.put(k, v.toJson());
            }
          });
      return out;
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A YAML sequence. */
  record ListNode(Origin origin, List<ConfigNode> items) implements ConfigNode {
    ListNode(Origin origin) {
      this(origin, new ArrayList<>());
    }

    @Override
    public ListNode copy() {
      ListNode out = new ListNode(origin);
      items.forEach(i -> out.items.add(i.copy()));
      return out;
    }

    @Override
    public JsonNode toJson() {
      ArrayNode node = JsonNodeFactory.instance.arrayNode();
      items.forEach(i -> node.add(i.toJson()));
      return node;
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: text, number, boolean or null. {@code envVar} is the variable name when the value was resolved from
   * {@code os.environ/NAME} (then the value is not echoed in error messages, it may be a secret).
   */
  record ScalarNode(Origin origin, JsonNode value, String envVar) implements ConfigNode {
    ScalarNode(Origin origin, JsonNode value) {
      this(origin, value, null);
    }

    boolean isNull() {
      return value.isNull();
    }

    @Override
    public ScalarNode copy() {
      return this; // immutable: Jackson value nodes are not modified
    }

    @Override
    public JsonNode toJson() {
      return value;
    }

    @Override
    public String describe() {
      if (envVar != null) {
        return value.isNull() ? "nothing (os.environ/" + envVar + " is not set)" : "the value of os.environ/" + envVar;
      }
      if (value.isNull()) {
        return "nothing";
      }
      if (value.isTextual()) {
        return '"' + value.textValue() + '"';
      }
      return value.asText();
    }
  }
}
