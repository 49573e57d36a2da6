package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;

/**
 * What a remote guardrail's failure means, with LiteLLM's two options: {@code unreachable_fallback}
 * ({@code fail_closed}, the default, or {@code fail_open}) for a service that cannot be reached, times out or answers
 * 502/503/504; {@code fail_on_error} ({@code true}, the default, or {@code false}) for every failure. A run that fails
 * open lets the request through and is recorded as {@code error} or {@code timeout}; one that fails closed refuses
 * the request ({@link GuardrailUnavailable}).
 *
 * @param unreachableOpen {@code unreachable_fallback: fail_open}
 * @param failOnError {@code fail_on_error}; false lets every failure through
 */
public record FailurePolicy(boolean unreachableOpen, boolean failOnError) {
  /** Fail closed on everything: the default. */
  public static final FailurePolicy CLOSED = new FailurePolicy(false, true);

  /** The policy in a guardrail's {@code litellm_params}; {@code where} names the entry in errors. */
  public static FailurePolicy read(JsonNode params, String where) {
    JsonNode fallback = params.get("unreachable_fallback");
    boolean open = false;
    if (fallback != null && !fallback.isNull()) {
      switch (fallback.asText()) {
        case "fail_open" -> open = true;
        case "fail_closed" -> open = false;
        default -> throw new ConfigException(where + ": unreachable_fallback must be fail_closed or fail_open, got '"
            + fallback.asText() + "'");
      }
    }
    JsonNode onError = params.get("fail_on_error");
    if (onError != null && !onError.isNull() && !onError.isBoolean()) {
      throw new ConfigException(where + ": fail_on_error must be true or false");
    }
    return new FailurePolicy(open, onError == null || onError.isNull() || onError.booleanValue());
  }

  /** True when {@code failure} lets the request through. */
  public boolean passes(GuardrailFailure failure) {
    return !failOnError || (unreachableOpen && failure.unreachable());
  }
}
