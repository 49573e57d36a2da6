package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gemini {@code usageMetadata} as OpenAI usage, with OpenAI's inclusive semantics: prompt tokens are
 * {@code promptTokenCount} (which includes cached tokens) plus {@code toolUsePromptTokenCount}; completion tokens are
 * {@code candidatesTokenCount} plus {@code thoughtsTokenCount}, unless the candidates figure already includes the
 * thoughts (when prompt + candidates already make the total, as some model versions report); reasoning tokens go to
 * {@code completion_tokens_details.reasoning_tokens} and {@code cachedContentTokenCount} to
 * {@code prompt_tokens_details.cached_tokens}.
 */
final class GeminiUsage {
  private GeminiUsage() {}

  /** The usage, or null when {@code metadata} is absent. */
  static Usage toOpenAi(JsonNode metadata) {
    if (metadata == null || !metadata.isObject()) {
      return null;
    }
    int prompt = metadata.path("promptTokenCount").asInt(0) + metadata.path("toolUsePromptTokenCount").asInt(0);
    int candidates = metadata.path("candidatesTokenCount").asInt(0);
    int thoughts = metadata.path("thoughtsTokenCount").asInt(0);
    int total = metadata.path("totalTokenCount").asInt(0);
    boolean inclusive = thoughts > 0 && total > 0 && prompt + candidates == total;
    int completion = inclusive ? candidates : candidates + thoughts;
    Map<String, JsonNode> details = new LinkedHashMap<>();
    if (metadata.has("cachedContentTokenCount")) {
      ObjectNode promptDetails = Json.object();
      promptDetails.put("cached_tokens", metadata.get("cachedContentTokenCount").asInt());
      details.put("prompt_tokens_details", promptDetails);
    }
    if (metadata.has("thoughtsTokenCount")) {
      ObjectNode completionDetails = Json.object();
      completionDetails.put("reasoning_tokens", thoughts);
      details.put("completion_tokens_details", completionDetails);
    }
    return new Usage(prompt, completion, prompt + completion, details);
  }
}
