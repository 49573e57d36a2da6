package dev.tollgate.providers.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the model cost map, in LiteLLM's {@code model_prices_and_context_window.json} shape. Every field is
 * nullable: an entry gives what it knows. Prices are USD per token, as in LiteLLM's file. Fields Tollgate does not
 * model (tiered {@code *_above_200k_tokens} prices, audio and image prices, {@code supported_endpoints}, ...) are kept
 * in {@link #extra()} as JSON.
 */
public record ModelPrice(
    Double inputCostPerToken,
    Double outputCostPerToken,
    Double cacheReadInputTokenCost,
    Double cacheCreationInputTokenCost,
    Integer maxInputTokens,
    Integer maxOutputTokens,
    Integer maxTokens,
    String litellmProvider,
    String mode,
    Boolean supportsFunctionCalling,
    Boolean supportsParallelFunctionCalling,
    Boolean supportsToolChoice,
    Boolean supportsVision,
    Boolean supportsResponseSchema,
    Boolean supportsReasoning,
    Boolean supportsPromptCaching,
    Boolean supportsSystemMessages,
    Map<String, JsonNode> extra) {

  /** The JSON field names this record models; everything else goes to {@link #extra()}. */
  public static final Set<String> FIELDS = Set.of(
      "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
      "cache_creation_input_token_cost", "max_input_tokens", "max_output_tokens", "max_tokens", "litellm_provider",
      "mode", "supports_function_calling", "supports_parallel_function_calling", "supports_tool_choice",
      "supports_vision", "supports_response_schema", "supports_reasoning", "supports_prompt_caching",
      "supports_system_messages");

  public ModelPrice {
    extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A price with only the two per-token costs set, as a deployment's {@code model_info} override usually gives. */
  public static ModelPrice perToken(double inputCostPerToken, double outputCostPerToken) {
    return new ModelPrice(inputCostPerToken, outputCostPerToken, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
  }

  /**
   * Reads one entry (or a config {@code model_info} / {@code litellm_params} object: unrelated keys such as
   * {@code api_key} land in {@link #extra()} and are ignored by cost arithmetic). Lenient as LiteLLM is: a number
   * written as a string ({@code "3e-06"}) is read; a value of the wrong type (the {@code sample_spec} prose) is null.
   */
  public static ModelPrice fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a model price entry must be a JSON object");
    }
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      if (!FIELDS.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    });
    return new ModelPrice(
        number(node, "input_cost_per_token"), number(node, "output_cost_per_token"),
        number(node, "cache_read_input_token_cost"), number(node, "cache_creation_input_token_cost"),
        integer(node, "max_input_tokens"), integer(node, "max_output_tokens"), integer(node, "max_tokens"),
        text(node, "litellm_provider"), text(node, "mode"),
        bool(node, "supports_function_calling"), bool(node, "supports_parallel_function_calling"),
        bool(node, "supports_tool_choice"), bool(node, "supports_vision"), bool(node, "supports_response_schema"),
        bool(node, "supports_reasoning"), bool(node, "supports_prompt_caching"),
        bool(node, "supports_system_messages"), extra);
  }

  /** This entry as LiteLLM's JSON shape (modelled fields that are set, then {@link #extra()}). */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    put(out, "input_cost_per_token", inputCostPerToken);
    put(out, "output_cost_per_token", outputCostPerToken);
    put(out, "cache_read_input_token_cost", cacheReadInputTokenCost);
    put(out, "cache_creation_input_token_cost", cacheCreationInputTokenCost);
    put(out, "max_input_tokens", maxInputTokens);
    put(out, "max_output_tokens", maxOutputTokens);
    put(out, "max_tokens", maxTokens);
    put(out, "litellm_provider", litellmProvider);
    put(out, "mode", mode);
    put(out, "supports_function_calling", supportsFunctionCalling);
    put(out, "supports_parallel_function_calling", supportsParallelFunctionCalling);
    put(out, "supports_tool_choice", supportsToolChoice);
    put(out, "supports_vision", supportsVision);
    put(out, "supports_response_schema", supportsResponseSchema);
    put(out, "supports_reasoning", supportsReasoning);
    put(out, "supports_prompt_caching", supportsPromptCaching);
    put(out, "supports_system_messages", supportsSystemMessages);
    extra.forEach(out::set);
    return out;
  }

  /**
   * This entry laid over {@code base}: every field set here wins, every field left null here is taken from
   * {@code base} (LiteLLM's {@code register_model} and per-deployment {@code model_info} pricing merge the same way).
   */
  public ModelPrice over(ModelPrice base) {
    if (base == null) {
      return this;
    }
    Map<String, JsonNode> mergedExtra = new LinkedHashMap<>(base.extra);
    mergedExtra.putAll(extra);
    return new ModelPrice(
        or(inputCostPerToken, base.inputCostPerToken), or(outputCostPerToken, base.outputCostPerToken),
        or(cacheReadInputTokenCost, base.cacheReadInputTokenCost),
        or(cacheCreationInputTokenCost, base.cacheCreationInputTokenCost),
        or(maxInputTokens, base.maxInputTokens), or(maxOutputTokens, base.maxOutputTokens),
        or(maxTokens, base.maxTokens), or(litellmProvider, base.litellmProvider), or(mode, base.mode),
        or(supportsFunctionCalling, base.supportsFunctionCalling),
        or(supportsParallelFunctionCalling, base.supportsParallelFunctionCalling),
        or(supportsToolChoice, base.supportsToolChoice), or(supportsVision, base.supportsVision),
        or(supportsResponseSchema, base.supportsResponseSchema), or(supportsReasoning, base.supportsReasoning),
        or(supportsPromptCaching, base.supportsPromptCaching),
        or(supportsSystemMessages, base.supportsSystemMessages), mergedExtra);
  }

  /** True when this entry gives a per-token price for input or output. */
  public boolean hasTokenPrices() {
    return inputCostPerToken != null || outputCostPerToken != null;
  }

  /** The context window: {@code max_input_tokens}, else the legacy {@code max_tokens}. */
  public Integer contextWindow() {
    return maxInputTokens != null ? maxInputTokens : maxTokens;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.valueOf(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Integer integer(JsonNode node, String field) {
    Double d = number(node, field);
    return d == null || d > Integer.MAX_VALUE || d < 0 ? null : d.intValue();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isBoolean() ? v.booleanValue() : null;
  }

  private static void put(ObjectNode out, String field, Object value) {
    if (value instanceof Double d) {
      out.put(field, d);
    } else if (value instanceof Integer i) {
      out.put(field, i);
    } else if (value instanceof Boolean b) {
      out.put(field, b);
    } else if (value instanceof String s) {
      out.put(field, s);
    }
  }
}
