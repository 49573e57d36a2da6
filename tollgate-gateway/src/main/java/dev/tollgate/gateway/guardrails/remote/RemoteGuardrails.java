package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.AsyncGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailMode;
import dev.tollgate.gateway.guardrails.judge.JudgeSettings;
import dev.tollgate.gateway.guardrails.judge.LlmJudge;
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

  /** The guardrail {@code id} with {@code params}, for {@code modes}; {@code where} names the entry. */
  public static AsyncGuardrail build(String id, JsonNode params, Set<GuardrailMode> modes, String where) {
    return switch (id) {
      case GenericGuardrailApi.ID -> new GenericGuardrailApi(GenericApiSettings.read(params, where));
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
