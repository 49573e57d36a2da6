package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI sampling, output and reasoning parameters as Gemini's {@code generationConfig}: temperature, topP, topK
 * (the {@code top_k} extension), maxOutputTokens, stopSequences, candidateCount ({@code n}), seed, the penalties,
 * {@code response_format} as responseMimeType with responseJsonSchema, and {@code reasoning_effort} (or an
 * Anthropic-style {@code thinking} object) as thinkingConfig. Parameters Gemini has no equivalent for fail with
 * UnsupportedParams, or are dropped when the target says drop_params.
 */
final class GeminiGenerationConfig {
  /** OpenAI request fields Gemini cannot honour. */
  static final List<String> UNSUPPORTED = List.of(
      "logit_bias", "logprobs", "top_logprobs", "audio", "modalities", "prediction", "web_search_options",
      "functions", "function_call");

  /** Thinking budgets (tokens) for {@code reasoning_effort} on models steered by budget (Gemini 2.5). */
  static final int BUDGET_MINIMAL = 512;
  static final int BUDGET_LOW = 1024;
  static final int BUDGET_MEDIUM = 8192;
  static final int BUDGET_HIGH = 24576;

  private final String provider;
  private final String model;

  GeminiGenerationConfig(String provider, String model) {
    this.provider = provider;
    this.model = model;
  }

  /** Sets {@code generationConfig} on {@code body} when any parameter maps to it. */
  void write(ChatRequest request, boolean dropParams, ObjectNode body) {
    for (String name : UNSUPPORTED) {
      JsonNode value = request.extra().get(name);
      if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean()) && !dropParams) {
        throw new UnsupportedParamsException(name, provider, model);
      }
    }
    ObjectNode config = Json.object();
    if (request.temperature() != null) {
      config.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      config.put("topP", request.topP());
    }
    JsonNode topK = request.extra().get("top_k");
    if (topK != null && topK.isNumber()) {
      config.put("topK", topK.asInt());
    }
    Integer max = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
    if (max != null) {
      config.put("maxOutputTokens", max);
    }
    stop(request.stop(), config);
    if (request.n() != null && request.n() != 1) {
      config.put("candidateCount", request.n());
    }
    if (request.seed() != null) {
      config.put("seed", request.seed());
    }
    if (request.presencePenalty() != null) {
      config.put("presencePenalty", request.presencePenalty());
    }
    if (request.frequencyPenalty() != null) {
      config.put("frequencyPenalty", request.frequencyPenalty());
    }
    responseFormat(request.responseFormat(), config);
    thinking(request.extra().get("reasoning_effort"), request.extra().get("thinking"), config);
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
  }

  private static void stop(JsonNode stop, ObjectNode config) {
    if (stop == null || stop.isNull()) {
      return;
    }
    ArrayNode sequences = Json.MAPPER.createArrayNode();
    if (stop.isTextual()) {
      sequences.add(stop.asText());
    } else if (stop.isArray()) {
      stop.forEach(s -> sequences.add(s.asText()));
    }
    if (!sequences.isEmpty()) {
      config.set("stopSequences", sequences);
    }
  }

  private void responseFormat(JsonNode format, ObjectNode config) {
    if (format == null || format.isNull()) {
      return;
    }
    switch (format.path("type").asText("")) {
      case "text" -> { }
      case "json_object" -> config.put("responseMimeType", "application/json");
      case "json_schema" -> {
        JsonNode schema = format.path("json_schema").get("schema");
        config.put("responseMimeType", "application/json");
        if (schema != null && schema.isObject()) {
          ObjectNode copy = ((ObjectNode) schema).deepCopy();
          copy.remove("$schema");
          config.set("responseJsonSchema", copy);
        }
      }
      default -> throw new BadRequestException(
          "response_format type must be text, json_object or json_schema", provider, model);
    }
  }

  private void thinking(JsonNode effort, JsonNode thinking, ObjectNode config) {
    ObjectNode out = Json.object();
    if (effort != null && effort.isTextual()) {
      String level = effort.asText().toLowerCase(Locale.ROOT);
      boolean byLevel = model.toLowerCase(Locale.ROOT).contains("gemini-3");
      if (byLevel) {
        out.put("thinkingLevel", switch (level) {
          case "none", "minimal" -> "MINIMAL";
          case "low" -> "LOW";
          case "medium" -> "MEDIUM";
          case "high", "xhigh", "max" -> "HIGH";
          default -> throw badEffort(level);
        });
        out.put("includeThoughts", true);
      } else {
        int budget = switch (level) {
          case "none" -> 0;
          case "minimal" -> BUDGET_MINIMAL;
          case "low" -> BUDGET_LOW;
          case "medium" -> BUDGET_MEDIUM;
          case "high", "xhigh", "max" -> BUDGET_HIGH;
          default -> throw badEffort(level);
        };
        out.put("thinkingBudget", budget);
        out.put("includeThoughts", budget > 0);
      }
    } else if (thinking != null && thinking.isObject()) {
      if ("enabled".equals(thinking.path("type").asText())) {
        if (thinking.has("budget_tokens")) {
          out.put("thinkingBudget", thinking.get("budget_tokens").asInt());
        }
        out.put("includeThoughts", true);
      } else if ("disabled".equals(thinking.path("type").asText())) {
        out.put("thinkingBudget", 0);
      }
    }
    if (!out.isEmpty()) {
      config.set("thinkingConfig", out);
    }
  }

  private BadRequestException badEffort(String level) {
    return new BadRequestException(
        "reasoning_effort must be none, minimal, low, medium or high, got '" + level + "'", provider, model);
  }
}
