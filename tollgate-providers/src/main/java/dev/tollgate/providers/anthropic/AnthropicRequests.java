package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.prices.PriceTable;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat request as an Anthropic Messages request body. Parameters map as LiteLLM maps them:
 * {@code max_completion_tokens}/{@code max_tokens} to the required {@code max_tokens} (else the model's maximum output
 * from the price table, else {@value #FALLBACK_MAX_TOKENS}); {@code stop} to {@code stop_sequences}; {@code user} to
 * {@code metadata.user_id}; {@code reasoning_effort} to a {@code thinking} budget; {@code response_format} by
 * {@link JsonMode}. OpenAI parameters Anthropic has no counterpart for ({@code n > 1}, {@code seed}, {@code logprobs},
 * penalties, ...) fail with {@link UnsupportedParamsException}, or are dropped with {@code drop_params}. Any other
 * field (Anthropic's own {@code top_k}, {@code thinking}, {@code service_tier}, {@code container}, ...) passes through.
 */
final class AnthropicRequests {
  static final int FALLBACK_MAX_TOKENS = 4096;
  /** Thinking budgets for {@code reasoning_effort}, as LiteLLM's defaults. */
  static final Map<String, Integer> EFFORT_BUDGETS = Map.of("minimal", 1024, "low", 1024, "medium", 2048, "high", 4096);
  /** OpenAI request fields with no Anthropic counterpart. */
  static final Set<String> UNSUPPORTED_EXTRAS = Set.of(
      "logprobs", "top_logprobs", "logit_bias", "modalities", "audio", "prediction", "store", "verbosity",
      "web_search_options", "functions", "function_call", "prompt_cache_key", "safety_identifier");
  /** Fields this class writes itself (never copied through as extras). */
  private static final Set<String> HANDLED_EXTRAS = Set.of("top_k", "thinking", "reasoning_effort");

  private final PriceTable prices;

  AnthropicRequests(PriceTable prices) {
    this.prices = prices;
  }

  /** The body, and the {@code anthropic-beta} features it needs. */
  record Built(ObjectNode body, List<String> betas) {}

  Built body(ChatRequest request, CallTarget target) {
    String model = target.model();
    ObjectNode body = Json.object();
    body.put("model", model);
    checkUnsupported(request, target);

    AnthropicMessages.Translated conversation = AnthropicMessages.translate(request.messages(), model);
    List<String> betas = new ArrayList<>();
    if (conversation.usesFiles()) {
      betas.add(AnthropicContent.FILES_BETA);
    }
    if (!conversation.system().isEmpty()) {
      body.set("system", conversation.system());
    }
    body.set("messages", conversation.messages());

    Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
    ObjectNode thinking = thinking(request, model);
    if (maxTokens == null) {
      maxTokens = defaultMaxTokens(model);
      if (thinking != null && thinking.path("budget_tokens").isInt()
          && maxTokens <= thinking.get("budget_tokens").asInt()) {
        maxTokens = thinking.get("budget_tokens").asInt() + FALLBACK_MAX_TOKENS;
      }
    }
    body.put("max_tokens", maxTokens);
    if (thinking != null) {
      body.set("thinking", thinking);
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    JsonNode topK = request.extra().get("top_k");
    if (topK != null && !topK.isNull()) {
      body.set("top_k", topK);
    }
    ArrayNode stops = stopSequences(request.stop());
    if (stops != null) {
      body.set("stop_sequences", stops);
    }
    if (request.isStream()) {
      body.put("stream", true);
    }
    tools(request, body, thinking != null, model);
    if (request.user() != null && looksLikeAnId(request.user())) {
      body.putObject("metadata").put("user_id", request.user());
    }
    request.extra().forEach((name, value) -> {
      if (!HANDLED_EXTRAS.contains(name) && !UNSUPPORTED_EXTRAS.contains(name) && !body.has(name)) {
        body.set(name, value);
      }
    });
    return new Built(body, betas);
  }

  /** The model's maximum output tokens from the price table, else {@value #FALLBACK_MAX_TOKENS}. */
  int defaultMaxTokens(String model) {
    return prices.lookup(AnthropicProvider.NAME, model)
        .map(p -> p.maxOutputTokens() != null ? p.maxOutputTokens() : p.maxTokens())
        .orElse(FALLBACK_MAX_TOKENS);
  }

  private static void checkUnsupported(ChatRequest request, CallTarget target) {
    List<String> present = new ArrayList<>();
    if (request.n() != null && request.n() != 1) {
      present.add("n");
    }
    if (request.seed() != null) {
      present.add("seed");
    }
    if (request.presencePenalty() != null) {
      present.add("presence_penalty");
    }
    if (request.frequencyPenalty() != null) {
      present.add("frequency_penalty");
    }
    for (String name : request.extra().keySet()) {
      JsonNode value = request.extra().get(name);
      if (UNSUPPORTED_EXTRAS.contains(name) && value != null && !value.isNull()
          && !(value.isBoolean() && !value.booleanValue())) {
        present.add(name);
      }
    }
    if (!present.isEmpty() && !target.dropParams()) {
      throw new UnsupportedParamsException(present.get(0), AnthropicProvider.NAME, target.model());
    }
  }

  /** {@code thinking} as given, or built from {@code reasoning_effort}; null when neither asks for it. */
  private static ObjectNode thinking(ChatRequest request, String model) {
    JsonNode thinking = request.extra().get("thinking");
    if (thinking != null && thinking.isObject()) {
      return ((ObjectNode) thinking).deepCopy();
    }
    JsonNode effort = request.extra().get("reasoning_effort");
    if (effort == null || effort.isNull() || "none".equals(effort.asText())) {
      return null;
    }
    Integer budget = EFFORT_BUDGETS.get(effort.asText());
    if (budget == null) {
      throw new BadRequestException(
          "reasoning_effort must be one of none, minimal, low, medium, high; got '" + effort.asText() + "'",
          AnthropicProvider.NAME, model);
    }
    return Json.object().put("type", "enabled").put("budget_tokens", budget);
  }

  /** Tools, the JSON-mode answer tool and {@code tool_choice}. */
  private static void tools(ChatRequest request, ObjectNode body, boolean thinking, String model) {
    ArrayNode tools = request.tools() == null || request.tools().isEmpty()
        ? Json.MAPPER.createArrayNode()
        : AnthropicTools.tools(request.tools(), model);
    boolean ownTools = !tools.isEmpty();
    ObjectNode choice = ownTools ? AnthropicTools.toolChoice(request.toolChoice(), request.parallelToolCalls(), model)
        : null;
    ObjectNode answerTool = JsonMode.tool(request.responseFormat(), model);
    if (answerTool != null) {
      tools.add(answerTool);
      // Anthropic allows only auto (or none) tool_choice while thinking; with tools of the caller's own the model
      // chooses between them and the answer tool.
      if (!thinking && !ownTools) {
        choice = Json.object().put("type", "tool").put("name", answerTool.get("name").asText());
      } else if (choice == null || "none".equals(choice.path("type").asText())) {
        choice = Json.object().put("type", thinking ? "auto" : "any");
      }
    }
    if (!tools.isEmpty()) {
      body.set("tools", tools);
    }
    if (choice != null) {
      body.set("tool_choice", choice);
    }
  }

  private static ArrayNode stopSequences(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return null;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (stop.isTextual()) {
      out.add(stop.asText());
    } else if (stop.isArray()) {
      stop.forEach(s -> out.add(s.asText()));
    }
    return out.isEmpty() ? null : out;
  }

  /** Anthropic rejects e-mail addresses and phone numbers as {@code metadata.user_id}; those are left out. */
  private static boolean looksLikeAnId(String user) {
    return !user.isBlank() && !user.contains("@") && !user.matches("\\+?[\\d\\s()-]{7,}");
  }
}
