package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.http.ApiError;

/**
 * The 503 a remote guardrail that fails closed answers with: it names the guardrail, its mode and why it gave no
 * verdict (timed out, unreachable, an error status, an answer that is not a verdict). 503 rather than LiteLLM's 500:
 * the request is fine, a service it depends on is not, and a client may retry later. The {@code type} is
 * {@code guardrail_unavailable}.
 */
public final class GuardrailUnavailable {
  public static final String TYPE = "guardrail_unavailable";

  private GuardrailUnavailable() {}

  public static ApiError error(String guardrail, GuardrailMode mode, GuardrailFailure failure) {
    return new ApiError(503, TYPE, "guardrail '" + guardrail + "' (" + mode.id() + ") could not check this request: "
        + failure.getMessage() + "; it fails closed, so the request is refused", null);
  }
}
