package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.Json;
import java.util.Map;

/** A resolved Cohere target with a test key, and helpers to read what an adapter produced. */
final class CohereTestSupport {
  static final Map<String, String> ENV = Map.of("COHERE_API_KEY", "co-test-key");
  static final CohereProvider PROVIDER = new CohereProvider();

  private CohereTestSupport() {}

  static CallTarget target(String model) {
    return PROVIDER.resolve(CallTarget.of("cohere", model), ENV);
  }

  /** The JSON with {@code created} removed (it is the time of translation). */
  static JsonNode withoutCreated(JsonNode node) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove("created");
    return copy;
  }

  static ObjectNode json(String text) {
    return (ObjectNode) Json.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
