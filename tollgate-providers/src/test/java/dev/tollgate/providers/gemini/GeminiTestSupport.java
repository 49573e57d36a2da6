package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import java.util.Map;

/** Shared helpers for the Gemini adapter tests. */
final class GeminiTestSupport {
  static final Map<String, String> ENV = Map.of("GEMINI_API_KEY", "test-gemini-key");

  private GeminiTestSupport() {}

  static CallTarget target(String model) {
    return new GeminiAdapter().resolve(CallTarget.of("gemini", model), ENV);
  }

  /**
   * The tree with generated parts made comparable: {@code created} removed, tool-call ids' random part replaced by
   * {@code X} ({@code call_<24 hex>} becomes {@code call_X}, the thought-signature suffix is kept).
   */
  static JsonNode normalized(JsonNode node) {
    JsonNode copy = node.deepCopy();
    normalize(copy);
    return copy;
  }

  private static void normalize(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("created");
      JsonNode id = object.get("id");
      if (id != null && id.isTextual() && id.asText().matches("call_[0-9a-f]{24}.*")) {
        object.put("id", "call_X" + id.asText().substring(29));
      }
      object.forEach(GeminiTestSupport::normalize);
    } else if (node instanceof ArrayNode array) {
      array.forEach(GeminiTestSupport::normalize);
    }
  }
}
