package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.http.ApiError;
import java.util.List;

/**
 * The 400 a blocking guardrail answers with, in LiteLLM's error shape ({@code type} and {@code param} "None", code
 * "400"): the message starts "Violated guardrail policy" and names the guardrail, its mode and the entity types it
 * found, never the text it found.
 */
public final class GuardrailBlocked {
  private GuardrailBlocked() {}

  public static ApiError error(String guardrail, GuardrailMode mode, List<String> entities) {
    String found = entities.isEmpty() ? "" : "; detected: " + String.join(", ", entities);
    return new ApiError(400, "None", "Violated guardrail policy: guardrail '" + guardrail + "' (" + mode.id()
        + ") blocked this request" + found, "None");
  }
}
