package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Usage;

/** Ollama's counts ({@code prompt_eval_count}, {@code eval_count}) as OpenAI usage; null when neither is there. */
final class OllamaUsage {
  private OllamaUsage() {}

  static Usage toOpenAi(JsonNode reply) {
    boolean prompt = reply.path("prompt_eval_count").isNumber();
    boolean eval = reply.path("eval_count").isNumber();
    if (!prompt && !eval) {
      return null;
    }
    return Usage.of(reply.path("prompt_eval_count").asInt(0), reply.path("eval_count").asInt(0));
  }
}
