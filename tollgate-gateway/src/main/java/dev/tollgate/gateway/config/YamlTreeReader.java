package dev.tollgate.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.Origin;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads YAML text into a {@link ConfigNode} tree, recording the line of every value.
 *
 * <p>Scalars are typed by jackson-dataformat-yaml the way PyYAML's {@code safe_load} (YAML 1.1) does for the cases seen
 * in LiteLLM configs: {@code 20_000} is the int 20000, {@code True}/{@code yes} are booleans, {@code 2023-05-15} stays
 * a string, {@code ~} and an empty value are null. Quoted scalars are always strings.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTreeReader() {}

  /** Returns the root node, or null for an empty document (empty file, only comments, or {@code ---}). */
  static ConfigNode read(String text, String source) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      ConfigNode root = readValue(p, source);
      return root instanceof ScalarNode s && s.isNull() ? null : root;
    } catch (JsonProcessingException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
          throw syntaxError(source, m, e);
        }
      }
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      throw ConfigException.located(new Origin(source, line), "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ConfigException syntaxError(
      String source, org.yaml.snakeyaml.error.MarkedYAMLException m, JsonProcessingException e) {
    var mark = m.getProblemMark();
    int line = mark != null ? mark.getLine() + 1 : 0;
    String problem = m.getProblem() != null ? m.getProblem() : e.getOriginalMessage();
    String context = m.getContext();
    String detail = context != null ? problem + " (" + context + ")" : problem;
    return ConfigException.located(new Origin(source, line), "not valid YAML: " + detail, e);
  }

  private static ConfigNode readValue(JsonParser p, String source) throws IOException {
    Origin origin = new Origin(source, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> readMap(p, source, origin);
      case START_ARRAY -> readList(p, source, origin);
      case VALUE_STRING -> new ScalarNode(origin, NODES.textNode(p.getText()));
      case VALUE_NUMBER_INT -> new ScalarNode(origin, intNode(p));
      case VALUE_NUMBER_FLOAT -> new ScalarNode(origin, NODES.numberNode(p.getDoubleValue()));
      case VALUE_TRUE -> new ScalarNode(origin, NODES.booleanNode(true));
      case VALUE_FALSE -> new ScalarNode(origin, NODES.booleanNode(false));
      case VALUE_NULL -> new ScalarNode(origin, NODES.nullNode());
      case VALUE_EMBEDDED_OBJECT -> new ScalarNode(origin, NODES.textNode(p.getText()));
      default -> throw ConfigException.located(origin, "unexpected YAML token " + t, null);
    };
  }

  private static JsonNode intNode(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  private static MapNode readMap(JsonParser p, String source, Origin origin) throws IOException {
    MapNode map = new MapNode(origin);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      // A repeated key: the last one wins, as in PyYAML.
      map.entries().remove(key);
      map.entries().put(key, readValue(p, source));
    }
    return map;
  }

  private static ListNode readList(JsonParser p, String source, Origin origin) throws IOException {
    ListNode list = new ListNode(origin);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.items().add(readValue(p, source));
    }
    return list;
  }
}
