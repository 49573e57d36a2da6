package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every string value {@code os.environ/NAME}, at any depth, with the value of {@code NAME} in an environment
 * map. A variable that is not set resolves to null; the variables that were missing are collected with the paths that
 * referenced them, so the caller can warn once. Values are never logged.
 */
final class EnvResolver {
  static final String PREFIX = "os.environ/";

  private final Map<String, String> env;
  private final Map<String, List<String>> missing = new LinkedHashMap<>();

  EnvResolver(Map<String, String> env) {
    this.env = env;
  }

  /** Missing variable name → the dotted paths that referenced it, in file order. */
  Map<String, List<String>> missing() {
    return missing;
  }

  /** Resolves in place inside maps and lists; returns the (possibly replaced) node. */
  ConfigNode resolve(ConfigNode node, String path) {
    switch (node) {
      case MapNode m -> m.entries().replaceAll((k, v) -> resolve(v, path.isEmpty() ? k : path + "." + k));
      case ListNode l -> {
        for (int i = 0; i < l.items().size(); i++) {
          l.items().set(i, resolve(l.items().get(i), path + "[" + i + "]"));
        }
      }
      case ScalarNode s -> {
        String name = referencedVariable(s);
        if (name != null) {
          String value = env.get(name);
          if (value == null) {
            missing.computeIfAbsent(name, n -> new ArrayList<>()).add(path);
          }
          var json = value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
          return new ScalarNode(s.origin(), json, name);
        }
      }
    }
    return node;
  }

  /** The NAME of an {@code os.environ/NAME} string, or null if the scalar is something else. */
  static String referencedVariable(ScalarNode s) {
    if (s.envVar() == null && s.value().isTextual() && s.value().textValue().startsWith(PREFIX)) {
      return s.value().textValue().substring(PREFIX.length()).strip();
    }
    return null;
  }
}
