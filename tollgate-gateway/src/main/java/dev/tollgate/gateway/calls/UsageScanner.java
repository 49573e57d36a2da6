package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;

/**
 * Reads the top-level {@code usage} object out of an OpenAI-format JSON body with Jackson's streaming parser: every
 * other value is skipped without being built, so a reply forwarded as bytes is not parsed into a tree just for its
 * token counts.
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
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
          JsonNode usage = p.readValueAsTree();
          return Json.convert(usage, Usage.class);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
