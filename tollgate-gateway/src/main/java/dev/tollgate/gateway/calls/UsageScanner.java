package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the top-level {@code usage} object out of an OpenAI-format JSON body with Jackson's streaming parser: every
 * other value is skipped without being built, and the three token counts are read as numbers straight from the
 * parser, so a reply forwarded as bytes is neither parsed into a tree nor bound just for its token counts (the detail
 * objects, small, become trees in {@link Usage#extra()}).
 */
public final class UsageScanner {
  private UsageScanner() {}

  /** The body's top-level {@code usage}, or null when it has none, it is null, or the body is not a JSON object. */
  public static Usage usage(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
          return readUsage(p);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the usage object the parser is at (its START_OBJECT) through its END_OBJECT. */
  private static Usage readUsage(JsonParser p) throws IOException {
    Integer prompt = null;
    Integer completion = null;
    Integer total = null;
    Map<String, JsonNode> extra = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        switch (name) {
          case "prompt_tokens" -> prompt = p.getIntValue();
          case "completion_tokens" -> completion = p.getIntValue();
          case "total_tokens" -> total = p.getIntValue();
          default -> extra = put(extra, name, node(p));
        }
      } else {
        extra = put(extra, name, node(p));
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("usage object not closed");
    }
    return new Usage(prompt, completion, total, extra);
  }

  /**
   * The value the parser is at, as a tree. Built by hand: the detail objects are tiny, and {@code readValueAsTree}
   * sets up a whole deserialization context for each.
   */
  private static JsonNode node(JsonParser p) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, node(p));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(node(p));
        }
        yield a;
      }
      case VALUE_STRING -> f.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> f.numberNode(p.getIntValue());
        case LONG -> f.numberNode(p.getLongValue());
        default -> f.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      default -> throw new IOException("unexpected token " + p.currentToken());
    };
  }

  private static Map<String, JsonNode> put(Map<String, JsonNode> extra, String name, JsonNode value) {
    Map<String, JsonNode> map = extra == null ? new LinkedHashMap<>() : extra;
    map.put(name, value);
    return map;
  }
}
