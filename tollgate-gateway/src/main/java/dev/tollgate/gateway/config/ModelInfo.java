package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment's {@code model_info}: free-form metadata (id, pricing overrides, {@code mode}, {@code base_model},
 * {@code supports_*}, {@code access_groups}, ...), kept as written with {@code os.environ/} references resolved.
 */
public record ModelInfo(Map<String, JsonNode> values) {
  private static final ModelInfo EMPTY = new ModelInfo(Map.of());

  public ModelInfo {
    values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static ModelInfo empty() {
    return EMPTY;
  }

  /** The deployment id as written ({@code id: 1} gives "1"), or null when absent; LiteLLM generates one then. */
  public String id() {
    return text("id");
  }

  /** {@code mode}: chat, embedding, completion, image_generation, ...; null when absent. */
  public String mode() {
    return text("mode");
  }

  /** {@code base_model}: the cost-map key to price this deployment by; null when absent. */
  public String baseModel() {
    return text("base_model");
  }

  /** The value of a key, or null when absent or null. */
  public JsonNode get(String key) {
    JsonNode v = values.get(key);
    return v == null || v.isNull() ? null : v;
  }

  private String text(String key) {
    JsonNode v = get(key);
    return v != null && v.isValueNode() ? v.asText() : null;
  }
}
