package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.ProviderSettings;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.util.Map;
import java.util.Set;

/**
 * The request's sampling and model parameters, as a table where it can be one:
 *
 * <table>
 *   <caption>OpenAI to Converse</caption>
 *   <tr><td>max_completion_tokens, max_tokens</td><td>inferenceConfig.maxTokens</td></tr>
 *   <tr><td>temperature, top_p, stop</td><td>inferenceConfig.temperature, topP, stopSequences</td></tr>
 *   <tr><td>top_k</td><td>additionalModelRequestFields: {@code top_k} (Anthropic, Mistral, ...), {@code k} (Cohere),
 *       {@code inferenceConfig.topK} (Nova)</td></tr>
 *   <tr><td>reasoning_effort (Claude)</td>
 *       <td>additionalModelRequestFields.thinking {type: enabled, budget_tokens}</td></tr>
 *   <tr><td>thinking, additionalModelRequestFields</td><td>additionalModelRequestFields</td></tr>
 *   <tr><td>guardrailConfig, performanceConfig, requestMetadata, promptVariables,
 *       additionalModelResponseFieldPaths</td><td>the same Converse fields</td></tr>
 *   <tr><td>n &gt; 1, seed, penalties, logprobs, logit_bias, audio, prediction, web search</td><td>unsupported
 *       (dropped with drop_params)</td></tr>
 *   <tr><td>any other field</td><td>additionalModelRequestFields (model-native parameters)</td></tr>
 * </table>
 */
final class ConverseParams {
  /** Budget tokens per reasoning effort, as LiteLLM maps them for Claude. */
  static final Map<String, Integer> THINKING_BUDGET = Map.of(
      "minimal", 1024, "low", 1024, "medium", 2048, "high", 4096, "xhigh", 8192, "max", 16384);
  /** Added to the thinking budget when the request sets no max_tokens (Claude needs max_tokens above the budget). */
  static final int ANSWER_TOKENS = 4096;
  private static final Set<String> NATIVE_TOP_LEVEL = Set.of(
      "guardrailConfig", "performanceConfig", "requestMetadata", "promptVariables",
      "additionalModelResponseFieldPaths");
  private static final Set<String> UNSUPPORTED = Set.of(
      "logprobs", "top_logprobs", "logit_bias", "modalities", "audio", "prediction", "web_search_options", "functions",
      "function_call", "verbosity");
  /** OpenAI fields with no Converse meaning that change nothing about the answer: not sent. */
  private static final Set<String> IGNORED = Set.of(
      "stream", "stream_options", "parallel_tool_calls", "user", "safety_identifier", "prompt_cache_key", "store",
      "service_tier", "metadata", "reasoning_effort", "thinking", "top_k", "additionalModelRequestFields");

  private ConverseParams() {}

  static void translate(ChatRequest request, ObjectNode body, String model, boolean dropParams) {
    ObjectNode inference = Json.object();
    Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
    if (request.temperature() != null) {
      inference.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      inference.put("topP", request.topP());
    }
    JsonNode stop = request.stop();
    if (stop != null && !stop.isNull()) {
      var sequences = inference.putArray("stopSequences");
      if (stop.isTextual()) {
        sequences.add(stop.asText());
      } else {
        stop.forEach(sequences::add);
      }
    }
    ModelFamily family = ModelFamily.of(model);
    ObjectNode additional = Json.object();
    JsonNode given = request.extra().get("additionalModelRequestFields");
    if (given != null && given.isObject()) {
      additional.setAll((ObjectNode) given);
    }
    JsonNode topK = request.extra().get("top_k");
    if (topK != null && !topK.isNull()) {
      switch (family) {
        case NOVA -> additional.putObject("inferenceConfig").set("topK", topK);
        case COHERE -> additional.set("k", topK);
        default -> additional.set("top_k", topK);
      }
    }
    maxTokens = reasoning(request, additional, family, maxTokens, model, dropParams);
    if (maxTokens != null) {
      inference.put("maxTokens", maxTokens);
    }
    unsupported(request, model, dropParams);
    request.extra().forEach((name, value) -> {
      if (NATIVE_TOP_LEVEL.contains(name)) {
        body.set(name, value);
      } else if (!IGNORED.contains(name) && !UNSUPPORTED.contains(name) && !ProviderSettings.NAMES.contains(name)
          && value != null && !value.isNull()) {
        additional.set(name, value);
      }
    });
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    if (!additional.isEmpty()) {
      body.set("additionalModelRequestFields", additional);
    }
  }

  private static Integer reasoning(ChatRequest request, ObjectNode additional, ModelFamily family, Integer maxTokens,
      String model, boolean dropParams) {
    JsonNode thinking = request.extra().get("thinking");
    if (thinking != null && thinking.isObject()) {
      additional.set("thinking", thinking);
      return maxTokens;
    }
    JsonNode effortNode = request.extra().get("reasoning_effort");
    if (effortNode == null || effortNode.isNull() || effortNode.asText().equals("none")) {
      return maxTokens;
    }
    if (family != ModelFamily.ANTHROPIC) {
      if (!dropParams) {
        throw new UnsupportedParamsException("reasoning_effort", "bedrock maps reasoning_effort for Anthropic Claude"
            + " models only; pass the model's own reasoning fields in additionalModelRequestFields, or set"
            + " drop_params: true", BedrockSettings.PROVIDER, model);
      }
      return maxTokens;
    }
    Integer budget = THINKING_BUDGET.get(effortNode.asText());
    if (budget == null) {
      throw new BadRequestException("unknown reasoning_effort '" + effortNode.asText() + "'",
          BedrockSettings.PROVIDER, model);
    }
    ObjectNode config = additional.putObject("thinking");
    config.put("type", "enabled");
    config.put("budget_tokens", budget);
    return maxTokens != null ? maxTokens : budget + ANSWER_TOKENS;
  }

  private static void unsupported(ChatRequest request, String model, boolean dropParams) {
    check(request.n() != null && request.n() > 1, "n", model, dropParams);
    check(request.seed() != null, "seed", model, dropParams);
    check(request.presencePenalty() != null, "presence_penalty", model, dropParams);
    check(request.frequencyPenalty() != null, "frequency_penalty", model, dropParams);
    for (String name : UNSUPPORTED) {
      JsonNode value = request.extra().get(name);
      boolean harmless = value == null || value.isNull() || (value.isBoolean() && !value.asBoolean());
      check(!harmless, name, model, dropParams);
    }
  }

  private static void check(boolean present, String param, String model, boolean dropParams) {
    if (present && !dropParams) {
      throw new UnsupportedParamsException(param, BedrockSettings.PROVIDER, model);
    }
  }
}
