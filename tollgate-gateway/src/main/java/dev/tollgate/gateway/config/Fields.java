package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one field of a mapping, with errors that name the file, line and path. Absent keys and null values
 * read as null. Numbers may be written as numeric strings ({@code "100"}, {@code "20_000"}), because values resolved
 * from {@code os.environ/} are always strings; booleans may be {@code "true"}/{@code "false"} strings for the same
 * reason.
 */
final class Fields {
  private final MapNode map;
  private final String path;

  Fields(MapNode map, String path) {
    this.map = map;
    this.path = path;
  }

  MapNode map() {
    return map;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private ConfigNode node(String key) {
    ConfigNode n = map.get(key);
    return n instanceof ScalarNode s && s.isNull() ? null : n;
  }

  /** A string; numbers are accepted and kept as written (e.g. {@code api_version: 2024} → "2024"). */
  String string(String key) {
    ConfigNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s && (s.value().isTextual() || s.value().isNumber())) {
      return s.value().asText();
    }
    throw ConfigException.at(n.origin(), path(key), "must be a string, got " + n.describe());
  }

  Double decimal(String key) {
    BigDecimal d = number(key);
    return d == null ? null : d.doubleValue();
  }

  Long whole(String key) {
    ConfigNode n = node(key);
    BigDecimal d = number(key);
    if (d == null) {
      return null;
    }
    try {
      return d.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw ConfigException.at(n.origin(), path(key), "must be a whole number, got " + n.describe());
    }
  }

  Integer integer(String key) {
    ConfigNode n = node(key);
    Long l = whole(key);
    if (l == null) {
      return null;
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw ConfigException.at(n.origin(), path(key), "is too large, got " + n.describe());
    }
    return l.intValue();
  }

  private BigDecimal number(String key) {
    ConfigNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      JsonNode v = s.value();
      if (v.isNumber()) {
        return v.decimalValue();
      }
      if (v.isTextual()) {
        BigDecimal parsed = parseNumber(v.textValue());
        if (parsed != null) {
          return parsed;
        }
      }
    }
    throw ConfigException.at(n.origin(), path(key), "must be a number, got " + n.describe());
  }

  /** Parses {@code "30"}, {@code " 0.5 "}, {@code "20_000"}; returns null if the text is not a plain number. */
  static BigDecimal parseNumber(String text) {
    String t = text.strip();
    if (t.isEmpty() || !t.matches("[+-]?(\\d[\\d_]*)?(\\.\\d[\\d_]*)?([eE][+-]?\\d+)?") || !t.matches(".*\\d.*")) {
      return null;
    }
    try {
      return new BigDecimal(t.replace("_", "").replaceFirst("^\\+", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  Boolean bool(String key) {
    ConfigNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      JsonNode v = s.value();
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isTextual()) {
        switch (v.textValue().strip().toLowerCase(java.util.Locale.ROOT)) {
          case "true", "yes", "on", "1" -> {
            return true;
          }
          case "false", "no", "off", "0" -> {
            return false;
          }
          default -> {}
        }
      }
    }
    throw ConfigException.at(n.origin(), path(key), "must be true or false, got " + n.describe());
  }

  /** A list of strings (numbers accepted as strings); null items are dropped. */
  List<String> strings(String key) {
    ConfigNode n = node(key);
    if (n == null) {
      return null;
    }
    if (!(n instanceof ListNode list)) {
      throw ConfigException.at(n.origin(), path(key), "must be a list of strings, got " + n.describe());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      ConfigNode item = list.items().get(i);
      if (item instanceof ScalarNode s && s.isNull()) {
        continue;
      }
      if (item instanceof ScalarNode s && (s.value().isTextual() || s.value().isNumber())) {
        out.add(s.value().asText());
      } else {
        throw ConfigException.at(item.origin(), path(key) + "[" + i + "]", "must be a string, got " + item.describe());
      }
    }
    return List.copyOf(out);
  }

  /** Any value, as a plain Jackson tree; null if absent or null. */
  JsonNode raw(String key) {
    ConfigNode n = node(key);
    return n == null ? null : n.toJson();
  }

  /** A nested mapping; null if absent or null; error if it is something else. */
  MapNode mapping(String key) {
    ConfigNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof MapNode m) {
      return m;
    }
    throw ConfigException.at(n.origin(), path(key), "must be a mapping (key: value lines), got " + n.describe());
  }
}
