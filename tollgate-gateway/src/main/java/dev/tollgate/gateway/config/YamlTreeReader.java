package dev.tollgate.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.Origin;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a {@link ConfigNode} tree, recording the line of every value.
 *
 * <p>Scalars are typed by jackson-dataformat-yaml the way PyYAML's {@code safe_load} (YAML 1.1) does for the cases seen
 * in LiteLLM configs: {@code 20_000} is the int 20000, {@code True}/{@code yes} are booleans, {@code 2023-05-15} stays
 * a string, {@code ~} and an empty value are null. Quoted scalars are always strings. Anchors on mappings and lists,
 * their aliases, and merge keys ({@code <<: *defaults}, explicit keys win) are supported as in PyYAML.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  private final YAMLParser p;
  private final String source;
  private final Map<String, ConfigNode> anchors = new HashMap<>();

  private YamlTreeReader(YAMLParser p, String source) {
    this.p = p;
    this.source = source;
  }

  /** Returns the root node, or null for an empty document (empty file, only comments, or {@code ---}). */
  static ConfigNode read(String text, String source) {
    try (YAMLParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      ConfigNode root = new YamlTreeReader(p, source).readValue();
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

  private ConfigNode readValue() throws IOException {
    Origin origin = new Origin(source, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING && p.isCurrentAlias()) {
      ConfigNode target = anchors.get(p.getText());
      if (target == null) {
        throw ConfigException.located(
            origin,
            "the alias *" + p.getText() + " does not refer to an anchored mapping or list above it"
                + " (anchors on single values are not supported)",
            null);
      }
      return target.copy();
    }
    String anchor = p.getObjectId() instanceof String id ? id : null;
    ConfigNode node =
        switch (t) {
          case START_OBJECT -> readMap(origin);
          case START_ARRAY -> readList(origin);
          case VALUE_STRING -> new ScalarNode(origin, NODES.textNode(p.getText()));
          case VALUE_NUMBER_INT -> new ScalarNode(origin, intNode());
          case VALUE_NUMBER_FLOAT -> new ScalarNode(origin, NODES.numberNode(p.getDoubleValue()));
          case VALUE_TRUE -> new ScalarNode(origin, NODES.booleanNode(true));
          case VALUE_FALSE -> new ScalarNode(origin, NODES.booleanNode(false));
          case VALUE_NULL -> new ScalarNode(origin, NODES.nullNode());
          case VALUE_EMBEDDED_OBJECT -> new ScalarNode(origin, NODES.textNode(p.getText()));
          default -> throw ConfigException.located(origin, "unexpected YAML token " + t, null);
        };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private JsonNode intNode() throws IOException {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  private MapNode readMap(Origin origin) throws IOException {
    MapNode map = new MapNode(origin);
    List<ConfigNode> merges = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      ConfigNode value = readValue();
      if (MERGE_KEY.equals(key)) {
        merges.add(value);
        continue;
      }
      // A repeated key: the last one wins, as in PyYAML.
      map.entries().remove(key);
      map.entries().put(key, value);
    }
    for (ConfigNode merge : merges) {
      List<ConfigNode> sources = merge instanceof ListNode l ? l.items() : List.of(merge);
      for (ConfigNode m : sources) {
        if (!(m instanceof MapNode mm)) {
          throw ConfigException.located(
              m.origin(), "a merge key (<<) must refer to a mapping, got " + m.describe(), null);
        }
        mm.entries().forEach((k, v) -> map.entries().putIfAbsent(k, v.copy()));
      }
    }
    return map;
  }

  private ListNode readList(Origin origin) throws IOException {
    ListNode list = new ListNode(origin);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.items().add(readValue());
    }
    return list;
  }
}
