package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.AsyncGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.judge.JudgeSettings;
import dev.tollgate.gateway.guardrails.judge.LlmJudge;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Builds the guardrails that call a service from their {@code litellm_params}: LiteLLM's
 * {@code generic_guardrail_api} ({@link GenericGuardrailApi}) and Tollgate's {@code tollgate/llm_judge}
 * ({@link LlmJudge}). Config errors name the entry.
 */
public final class RemoteGuardrails {
  /** The ids this class builds. */
  public static final Set<String> IDS = Set.of(GenericGuardrailApi.ID, LlmJudge.ID);

  private RemoteGuardrails() {}

  /** LiteLLM's fallback for a {@code generic_guardrail_api} entry without {@code api_base}. */
  public static final String GENERIC_BASE_VARIABLE = "GENERIC_GUARDRAIL_API_BASE";

  /**
   * The guardrail {@code id} with {@code params}, for {@code modes}; {@code where} names the entry; {@code env} holds
   * {@value #GENERIC_BASE_VARIABLE}, if set.
   */
  public static AsyncGuardrail build(String id, JsonNode params, Set<GuardrailMode> modes, String where,
      Map<String, String> env) {
    return switch (id) {
      case GenericGuardrailApi.ID -> {
        JsonNode effective = params;
        String fallback = env.get(GENERIC_BASE_VARIABLE);
        if ((params.get("api_base") == null || params.get("api_base").isNull()) && fallback != null
            && !fallback.isBlank() && params instanceof ObjectNode o) {
          effective = o.deepCopy().put("api_base", fallback);
        }
        yield new GenericGuardrailApi(GenericApiSettings.read(effective, where));
      }
      case LlmJudge.ID -> {
        if (modes.contains(GuardrailMode.LOGGING_ONLY)) {
          throw new ConfigException(where + ": " + LlmJudge.ID + " can only allow or block, so logging_only would "
              + "do nothing; use pre_call, during_call or post_call");
        }
        yield new LlmJudge(JudgeSettings.read(params, where));
      }
      default -> throw new IllegalArgumentException(id);
    };
  }
}
