package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.translate.RequestDefaults;
import dev.tollgate.providers.translate.StopSequences;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Set;

/**
 * An OpenAI chat request body as an Ollama {@code /api/chat} body. Sampling parameters go into {@code options}
 * ({@code temperature}, {@code top_p}, {@code top_k}, {@code seed}, {@code stop}, {@code num_predict} from
 * max_tokens / max_completion_tokens, the penalties) together with Ollama's own option names given as extra fields
 * ({@code num_ctx}, {@code repeat_penalty}, ... or a whole {@code options} object); {@code response_format} becomes
 * {@code format} ({@code "json"} or the JSON schema); {@code reasoning_effort} becomes {@code think}. {@code stream}
 * is always sent, since Ollama streams unless told not to. Other extra fields ({@code keep_alive}, {@code think},
 * {@code truncate}...) pass through.
 */
final class OllamaChatBody {
  private static final Set<String> TRANSLATED = Set.of(
      "model", "messages", "stream", "stream_options", "temperature", "top_p", "top_k", "n", "stop", "max_tokens",
      "max_completion_tokens", "presence_penalty", "frequency_penalty", "seed", "tools", "tool_choice",
      "parallel_tool_calls", "response_format", "user", "reasoning_effort", "options");

  private static final List<String> UNSUPPORTED = List.of(
      "logit_bias", "logprobs", "top_logprobs", "audio", "modalities", "prediction", "service_tier", "store",
      "web_search_options", "verbosity", "functions", "function_call", "prompt_cache_key", "safety_identifier");

  /** Ollama's Modelfile options accepted as top-level extra fields and moved into {@code options}. */
  private static final Set<String> OPTION_NAMES = Set.of(
      "num_ctx", "num_predict", "num_keep", "num_batch", "num_gpu", "main_gpu", "num_thread", "repeat_penalty",
      "repeat_last_n", "min_p", "typical_p", "mirostat", "mirostat_eta", "mirostat_tau", "tfs_z", "use_mmap");

  private OllamaChatBody() {}

  static ObjectNode build(ObjectNode openAi, CallTarget target) {
    ObjectNode in = RequestDefaults.apply(openAi, target);
    for (String param : UNSUPPORTED) {
      if (present(in.get(param))) {
        ParamPolicy.refuse(param, target);
      }
    }
    if (in.path("n").isNumber() && in.get("n").asInt() != 1) {
      ParamPolicy.refuse("n", target);
    }
    if (in.path("parallel_tool_calls").isBoolean() && !in.get("parallel_tool_calls").asBoolean()) {
      ParamPolicy.refuse("parallel_tool_calls", target);
    }
    ObjectNode out = Json.object();
    out.put("model", target.model());
    out.set("messages", OllamaMessages.translate(in.get("messages"), target));
    out.put("stream", in.path("stream").asBoolean(false));
    tools(in, out, target);
    format(in.get("response_format"), out, target);
    think(in, out, target);
    ObjectNode options = options(in);
    if (!options.isEmpty()) {
      out.set("options", options);
    }
    in.properties().forEach(field -> {
      String name = field.getKey();
      if (!TRANSLATED.contains(name) && !UNSUPPORTED.contains(name) && !OPTION_NAMES.contains(name)
          && !out.has(name)) {
        out.set(name, field.getValue());
      }
    });
    return out;
  }

  private static ObjectNode options(ObjectNode in) {
    ObjectNode options = Json.object();
    if (in.path("options").isObject()) {
      options.setAll((ObjectNode) in.get("options"));
    }
    copy(in, "temperature", options, "temperature");
    copy(in, "top_p", options, "top_p");
    copy(in, "top_k", options, "top_k");
    copy(in, "seed", options, "seed");
    copy(in, "frequency_penalty", options, "frequency_penalty");
    copy(in, "presence_penalty", options, "presence_penalty");
    JsonNode max = present(in.get("max_completion_tokens")) ? in.get("max_completion_tokens") : in.get("max_tokens");
    if (present(max)) {
      options.set("num_predict", max);
    }
    List<String> stops = StopSequences.of(in.get("stop"));
    if (!stops.isEmpty()) {
      ArrayNode s = options.putArray("stop");
      stops.forEach(s::add);
    }
    for (String name : OPTION_NAMES) {
      copy(in, name, options, name);
    }
    return options;
  }

  /**
   * Tools as they are (Ollama takes OpenAI's tool shape). Ollama has no tool_choice: {@code auto} is its behaviour,
   * {@code none} is honoured by not offering the tools, {@code required} or a named function cannot be expressed.
   */
  private static void tools(ObjectNode in, ObjectNode out, CallTarget target) {
    JsonNode choice = in.get("tool_choice");
    boolean offer = true;
    if (present(choice)) {
      String c = choice.isTextual() ? choice.asText() : "";
      if (c.equals("none")) {
        offer = false;
      } else if (!c.equals("auto")) {
        ParamPolicy.refuse("tool_choice", target);
      }
    }
    JsonNode tools = in.get("tools");
    if (offer && tools != null && tools.isArray() && !tools.isEmpty()) {
      ArrayNode list = out.putArray("tools");
      for (JsonNode tool : tools) {
        if (!"function".equals(tool.path("type").asText("function"))) {
          ParamPolicy.refuse("tools of type " + tool.path("type").asText(), target);
          continue;
        }
        if (!tool.path("function").path("name").isTextual()) {
          throw new dev.tollgate.providers.error.BadRequestException("a tool needs function.name", target.provider(),
              target.model());
        }
        ObjectNode t = list.addObject();
        t.put("type", "function");
        ObjectNode fn = ((ObjectNode) tool.get("function")).deepCopy();
        fn.remove("strict");
        t.set("function", fn);
      }
      if (list.isEmpty()) {
        out.remove("tools");
      }
    }
  }

  private static void format(JsonNode format, ObjectNode out, CallTarget target) {
    if (!present(format)) {
      return;
    }
    switch (format.path("type").asText("")) {
      case "text" -> { }
      case "json_object" -> out.put("format", "json");
      case "json_schema" -> {
        JsonNode schema = format.path("json_schema").get("schema");
        if (schema != null && schema.isObject()) {
          out.set("format", schema);
        } else {
          out.put("format", "json");
        }
      }
      default -> ParamPolicy.refuse("response_format", target);
    }
  }

  /** reasoning_effort as {@code think}: none → false, minimal/low → "low", medium, high; an explicit think wins. */
  private static void think(ObjectNode in, ObjectNode out, CallTarget target) {
    JsonNode effort = in.get("reasoning_effort");
    if (!present(effort) || in.has("think")) {
      return;
    }
    switch (effort.asText("")) {
      case "none" -> out.put("think", false);
      case "minimal", "low" -> out.put("think", "low");
      case "medium" -> out.put("think", "medium");
      case "high" -> out.put("think", "high");
      default -> ParamPolicy.refuse("reasoning_effort", target);
    }
  }

  private static void copy(ObjectNode in, String from, ObjectNode out, String to) {
    JsonNode value = in.get(from);
    if (present(value)) {
      out.set(to, value);
    }
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode();
  }
}
