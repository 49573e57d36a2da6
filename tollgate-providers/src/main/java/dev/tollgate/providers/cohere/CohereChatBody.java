package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.translate.RequestDefaults;
import dev.tollgate.providers.translate.StopSequences;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI chat request body as a Cohere {@code /v2/chat} body. Renamed: {@code top_p}→{@code p},
 * {@code top_k}→{@code k}, {@code stop}→{@code stop_sequences}, {@code max_completion_tokens}→{@code max_tokens};
 * {@code response_format} becomes Cohere's {@code json_object} format (with {@code json_schema} for a schema);
 * {@code reasoning_effort} becomes {@code thinking}. Parameters Cohere has no equivalent for are refused (or dropped
 * with drop_params); any other field is passed through, so Cohere's own parameters ({@code safety_mode},
 * {@code documents}, {@code citation_options}, {@code thinking}, {@code priority}...) can be sent as extra body fields.
 */
final class CohereChatBody {
  /** Fields read by the translation itself (never passed through as they are). */
  private static final Set<String> TRANSLATED = Set.of(
      "model", "messages", "stream", "stream_options", "temperature", "top_p", "top_k", "n", "stop", "max_tokens",
      "max_completion_tokens", "presence_penalty", "frequency_penalty", "seed", "tools", "tool_choice",
      "parallel_tool_calls", "response_format", "user", "reasoning_effort", "functions", "function_call");

  /** OpenAI parameters with no Cohere counterpart. */
  private static final List<String> UNSUPPORTED = List.of(
      "logit_bias", "logprobs", "top_logprobs", "audio", "modalities", "prediction", "service_tier", "store",
      "web_search_options", "verbosity", "functions", "function_call", "prompt_cache_key", "safety_identifier");

  /** Thinking-token budgets for OpenAI's reasoning_effort levels. */
  private static final Map<String, Integer> THINKING_BUDGET = Map.of("minimal", 512, "low", 1024, "medium", 4096,
      "high", 16384);

  private CohereChatBody() {}

  static ObjectNode build(ObjectNode openAi, CallTarget target) {
    ObjectNode in = RequestDefaults.apply(openAi, target);
    for (String param : UNSUPPORTED) {
      if (present(in.get(param))) {
        ParamPolicy.refuse(param, target);
      }
    }
    ObjectNode out = Json.object();
    out.put("model", target.model());
    out.set("messages", CohereMessages.translate(in.get("messages"), target));
    if (in.path("stream").asBoolean(false)) {
      out.put("stream", true);
    }
    copyNumber(in, "temperature", out, "temperature");
    copyNumber(in, "top_p", out, "p");
    copyNumber(in, "top_k", out, "k");
    copyNumber(in, "seed", out, "seed");
    copyNumber(in, "frequency_penalty", out, "frequency_penalty");
    copyNumber(in, "presence_penalty", out, "presence_penalty");
    JsonNode maxTokens = present(in.get("max_completion_tokens")) ? in.get("max_completion_tokens") : in.get("max_tokens");
    if (present(maxTokens)) {
      out.set("max_tokens", maxTokens);
    }
    List<String> stops = StopSequences.of(in.get("stop"));
    if (!stops.isEmpty()) {
      ArrayNode s = out.putArray("stop_sequences");
      stops.forEach(s::add);
    }
    if (in.path("n").isNumber() && in.get("n").asInt() != 1) {
      ParamPolicy.refuse("n", target);
    }
    if (in.path("parallel_tool_calls").isBoolean() && !in.get("parallel_tool_calls").asBoolean()) {
      // Cohere may always call several tools at once; a request to forbid that cannot be honoured
      ParamPolicy.refuse("parallel_tool_calls", target);
    }
    CohereTools.apply(in.get("tools"), in.get("tool_choice"), out, target);
    responseFormat(in.get("response_format"), out, target);
    reasoning(in, out, target);
    in.properties().forEach(field -> {
      if (!TRANSLATED.contains(field.getKey()) && !UNSUPPORTED.contains(field.getKey()) && !out.has(field.getKey())) {
        out.set(field.getKey(), field.getValue());
      }
    });
    return out;
  }

  private static void responseFormat(JsonNode format, ObjectNode out, CallTarget target) {
    if (!present(format)) {
      return;
    }
    switch (format.path("type").asText("")) {
      case "text" -> { }
      case "json_object" -> out.putObject("response_format").put("type", "json_object");
      case "json_schema" -> {
        ObjectNode rf = out.putObject("response_format");
        rf.put("type", "json_object");
        JsonNode schema = format.path("json_schema").get("schema");
        if (schema != null && schema.isObject()) {
          rf.set("json_schema", schema);
        }
      }
      default -> ParamPolicy.refuse("response_format", target);
    }
  }

  /** reasoning_effort as Cohere's thinking, unless the request sets Cohere's own {@code thinking}. */
  private static void reasoning(ObjectNode in, ObjectNode out, CallTarget target) {
    JsonNode effort = in.get("reasoning_effort");
    if (!present(effort) || in.has("thinking")) {
      return;
    }
    String level = effort.asText("");
    if (level.equals("none")) {
      out.putObject("thinking").put("type", "disabled");
      return;
    }
    Integer budget = THINKING_BUDGET.get(level);
    if (budget == null) {
      ParamPolicy.refuse("reasoning_effort", target);
      return;
    }
    out.putObject("thinking").put("type", "enabled").put("token_budget", budget);
  }

  private static void copyNumber(ObjectNode in, String from, ObjectNode out, String to) {
    JsonNode value = in.get(from);
    if (present(value)) {
      out.set(to, value);
    }
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode();
  }
}
