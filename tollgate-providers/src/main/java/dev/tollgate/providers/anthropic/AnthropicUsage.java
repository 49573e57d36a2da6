package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's usage in OpenAI's shape, as LiteLLM reports it. Anthropic's {@code input_tokens} counts only the prompt
 * tokens that were neither read from nor written to the cache, so {@code prompt_tokens} is {@code input_tokens +
 * cache_read_input_tokens + cache_creation_input_tokens} (the total Anthropic documents); the cache reads are also
 * {@code prompt_tokens_details.cached_tokens}, the cache writes {@code prompt_tokens_details.cache_creation_tokens},
 * and both stay as top-level {@code cache_read_input_tokens} / {@code cache_creation_input_tokens}, which the cost
 * calculator prices at the cache rates. Thinking tokens, when reported, are
 * {@code completion_tokens_details.reasoning_tokens}.
 */
public final class AnthropicUsage {
  private AnthropicUsage() {}

  /** Running counts of one message: {@code message_start} gives the input side, {@code message_delta} the output. */
  public static final class Counts {
    int input;
    int cacheRead;
    int cacheCreation;
    int output;
    Integer thinking;

    /** Takes every count present in an Anthropic usage object (later values replace earlier ones). */
    public void update(JsonNode usage) {
      if (usage == null || !usage.isObject()) {
        return;
      }
      input = take(usage, "input_tokens", input);
      cacheRead = take(usage, "cache_read_input_tokens", cacheRead);
      cacheCreation = take(usage, "cache_creation_input_tokens", cacheCreation);
      output = take(usage, "output_tokens", output);
      JsonNode details = usage.path("output_tokens_details").path("thinking_tokens");
      if (details.isNumber()) {
        thinking = details.asInt();
      }
    }

    public Usage toUsage() {
      int prompt = input + cacheRead + cacheCreation;
      Map<String, JsonNode> extra = new LinkedHashMap<>();
      ObjectNode promptDetails = Json.object();
      promptDetails.put("cached_tokens", cacheRead);
      promptDetails.put("cache_creation_tokens", cacheCreation);
      extra.put("prompt_tokens_details", promptDetails);
      if (thinking != null) {
        extra.put("completion_tokens_details", Json.object().put("reasoning_tokens", thinking));
      }
      extra.put("cache_read_input_tokens", IntNode.valueOf(cacheRead));
      extra.put("cache_creation_input_tokens", IntNode.valueOf(cacheCreation));
      return new Usage(prompt, output, prompt + output, extra);
    }

    private static int take(JsonNode usage, String field, int current) {
      JsonNode value = usage.get(field);
      return value != null && value.isNumber() ? value.asInt() : current;
    }
  }

  /** The OpenAI usage of an Anthropic usage object. */
  public static Usage of(JsonNode usage) {
    Counts counts = new Counts();
    counts.update(usage);
    return counts.toUsage();
  }
}
