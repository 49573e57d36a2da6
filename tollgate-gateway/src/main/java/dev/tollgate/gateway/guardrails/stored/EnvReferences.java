package dev.tollgate.gateway.guardrails.stored;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code os.environ/NAME} references in a stored guardrail's params, resolved as the config file resolves them: every
 * string value of that form, at any depth, becomes the value of {@code NAME} in the gateway's environment (null when
 * it is not set). The row keeps the reference, so each instance reads its own environment.
 */
final class EnvReferences {
  static final String PREFIX = "os.environ/";

  private EnvReferences() {}

  /** A copy of {@code node} with every reference replaced. */
  static JsonNode resolve(JsonNode node, Map<String, String> env) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = o.objectNode();
      o.properties().forEach(e -> out.set(e.getKey(), resolve(e.getValue(), env)));
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = a.arrayNode();
      a.forEach(item -> out.add(resolve(item, env)));
      return out;
    }
    String name = variable(node);
    if (name == null) {
      return node;
    }
    String value = env.get(name);
    return value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
  }

  /** The dotted paths (under {@code path}) of references to variables {@code env} does not set. */
  static List<String> missing(JsonNode node, Map<String, String> env, String path) {
    List<String> out = new ArrayList<>();
    collect(node, env, path, out);
    return out;
  }

  private static void collect(JsonNode node, Map<String, String> env, String path, List<String> out) {
    if (node instanceof ObjectNode o) {
      o.properties().forEach(e -> collect(e.getValue(), env, path + "." + e.getKey(), out));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        collect(a.get(i), env, path + "[" + i + "]", out);
      }
    } else {
      String name = variable(node);
      if (name != null && env.get(name) == null) {
        out.add(path + " (" + PREFIX + name + ")");
      }
    }
  }

  private static String variable(JsonNode node) {
    if (node != null && node.isTextual() && node.textValue().startsWith(PREFIX)) {
      return node.textValue().substring(PREFIX.length()).strip();
    }
    return null;
  }
}
