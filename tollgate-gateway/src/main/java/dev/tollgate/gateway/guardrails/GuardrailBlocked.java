package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.http.ApiError;
import java.util.List;

/**
 * The 400 a blocking guardrail answers with, in LiteLLM's error shape ({@code type} and {@code param} "None", code
 * "400"): the message starts "Violated guardrail policy" and names the guardrail, its mode and the entity types it
 * found, never the text it found; a remote guardrail's own reason follows when it gave one.
 */
public final class GuardrailBlocked {
  private GuardrailBlocked() {}

  /** The longest remote reason shown; a longer one is cut with an ellipsis. */
  static final int MAX_REASON_CHARS = 500;

  public static ApiError error(String guardrail, GuardrailMode mode, List<String> entities) {
    return error(guardrail, mode, entities, null);
  }

  /** The 400 for {@code blocked} (its entity types, and its reason when a remote guardrail gave one). */
  public static ApiError error(String guardrail, GuardrailMode mode, Verdict.Blocked blocked) {
    return error(guardrail, mode, blocked.entities(), blocked.reason());
  }

  private static ApiError error(String guardrail, GuardrailMode mode, List<String> entities, String reason) {
    String found = entities.isEmpty() ? "" : "; detected: " + String.join(", ", entities);
    String why = reason == null || reason.isBlank() ? "" : "; reason: " + shortened(reason.strip());
    return new ApiError(400, "None", "Violated guardrail policy: guardrail '" + guardrail + "' (" + mode.id()
        + ") blocked this request" + found + why, "None");
  }

  static String shortened(String text) {
    return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
  }
}
