package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.anthropic.AnthropicUsage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.io.IOException;

/**
 * Usage between the two shapes. OpenAI's {@code prompt_tokens} includes cached tokens, Anthropic's
 * {@code input_tokens} does not: an OpenAI usage becomes {@code input_tokens = prompt - cache reads - cache writes},
 * {@code cache_read_input_tokens}, {@code cache_creation_input_tokens} and {@code output_tokens}; an Anthropic usage
 * is read back by {@link AnthropicUsage}, so spend is priced from the same numbers whichever way a reply went.
 */
public final class MessagesUsage {
  private MessagesUsage() {}

  /** Anthropic's usage object for an OpenAI usage (zeros when null). */
  public static ObjectNode toAnthropic(Usage usage) {
    int prompt = usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens();
    int output = usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens();
    int cacheRead = detail(usage, "cache_read_input_tokens", "cached_tokens");
    int cacheWrite = detail(usage, "cache_creation_input_tokens", "cache_creation_tokens");
    ObjectNode out = Json.object();
    out.put("input_tokens", Math.max(0, prompt - cacheRead - cacheWrite));
    out.put("cache_creation_input_tokens", cacheWrite);
    out.put("cache_read_input_tokens", cacheRead);
    out.put("output_tokens", output);
    return out;
  }

  /** The OpenAI usage of an Anthropic usage object. */
  public static Usage fromAnthropic(JsonNode usage) {
    return AnthropicUsage.of(usage);
  }

  /** The usage of an Anthropic message body, or null when it has none or is not JSON. */
  public static Usage ofMessage(byte[] body) {
    try {
      JsonNode usage = Json.MAPPER.readTree(body).get("usage");
      return usage == null || !usage.isObject() ? null : AnthropicUsage.of(usage);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int detail(Usage usage, String topLevel, String promptDetail) {
    if (usage == null) {
      return 0;
    }
    JsonNode top = usage.extra().get(topLevel);
    if (top != null && top.isNumber()) {
      return top.asInt();
    }
    JsonNode details = usage.extra().get("prompt_tokens_details");
    return details == null ? 0 : details.path(promptDetail).asInt(0);
  }
}
