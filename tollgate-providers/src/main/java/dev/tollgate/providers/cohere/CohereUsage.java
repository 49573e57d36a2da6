package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.Map;

/**
 * Cohere's usage as OpenAI's. Cohere reports both {@code billed_units} (what it charges for) and {@code tokens} (what
 * the model saw, including its own prompt template); the billed counts are used when present, since spend is computed
 * from them, else the raw token counts. {@code cached_tokens} becomes {@code prompt_tokens_details.cached_tokens}.
 */
final class CohereUsage {
  private CohereUsage() {}

  /** The usage, or null when the node has no counts. */
  static Usage toOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    JsonNode billed = usage.path("billed_units");
    JsonNode tokens = usage.path("tokens");
    Integer prompt = count(billed, tokens, "input_tokens");
    Integer completion = count(billed, tokens, "output_tokens");
    if (prompt == null && completion == null) {
      return null;
    }
    int p = prompt == null ? 0 : prompt;
    int c = completion == null ? 0 : completion;
    Map<String, JsonNode> extra = null;
    if (usage.path("cached_tokens").isNumber()) {
      ObjectNode details = Json.object();
      details.put("cached_tokens", usage.get("cached_tokens").asInt());
      extra = Map.of("prompt_tokens_details", details);
    }
    return new Usage(p, c, p + c, extra);
  }

  private static Integer count(JsonNode billed, JsonNode tokens, String field) {
    if (billed.path(field).isNumber()) {
      return billed.get(field).asInt();
    }
    if (tokens.path(field).isNumber()) {
      return tokens.get(field).asInt();
    }
    return null;
  }
}
