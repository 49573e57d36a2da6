package dev.tollgate.gateway.guardrails.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.FailurePolicy;
import dev.tollgate.gateway.guardrails.remote.RemoteParams;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.Set;

/**
 * A {@code tollgate/llm_judge} entry's {@code litellm_params}: {@code model} (required: the model group that judges,
 * routed like any other), {@code policy} (what is allowed, put into the default prompt) or {@code prompt} (a whole
 * system prompt of your own, which must ask for the verdict format), {@code completion_params} (more chat fields for
 * the judge call, e.g. {@code temperature}, {@code max_tokens}), {@code timeout} (seconds, default
 * {@value #DEFAULT_TIMEOUT_SECONDS}: a model answers more slowly than a guardrail API), and
 * {@code unreachable_fallback} / {@code fail_on_error} ({@link FailurePolicy}).
 */
public record JudgeSettings(String group, String systemPrompt, ObjectNode completionParams, Duration timeout,
    FailurePolicy failures) {
  static final int DEFAULT_TIMEOUT_SECONDS = 10;
  /** Fields the judge call sets itself. */
  private static final Set<String> RESERVED = Set.of("model", "messages", "stream", "stream_options");

  public static JudgeSettings read(JsonNode params, String where) {
    String group = RemoteParams.required(params, "model", "the model group that judges", where);
    String prompt = RemoteParams.optional(params, "prompt", where);
    String policy = RemoteParams.optional(params, "policy", where);
    if (prompt != null && policy != null) {
      throw new ConfigException(where + ": set prompt (a whole system prompt) or policy (put into the default "
          + "prompt), not both");
    }
    if ((prompt != null && prompt.isBlank()) || (policy != null && policy.isBlank())) {
      throw new ConfigException(where + ": prompt and policy must not be empty");
    }
    JsonNode extra = params.get("completion_params");
    if (extra != null && !extra.isNull() && !extra.isObject()) {
      throw new ConfigException(where + ": completion_params must be an object of chat request fields");
    }
    ObjectNode completion = extra instanceof ObjectNode o ? o.deepCopy() : Json.object();
    for (String field : RESERVED) {
      if (completion.has(field)) {
        throw new ConfigException(where + ": completion_params may not set " + field + " (the judge call sets it)");
      }
    }
    return new JudgeSettings(group, prompt != null ? prompt : JudgePrompt.defaultPrompt(policy), completion,
        RemoteParams.timeout(params, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), where),
        FailurePolicy.read(params, where));
  }
}
