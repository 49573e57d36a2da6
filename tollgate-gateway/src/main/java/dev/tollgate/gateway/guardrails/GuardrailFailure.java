package dev.tollgate.gateway.guardrails;

/**
 * Why a remote guardrail gave no verdict. {@code unreachable} failures (the service could not be reached, did not
 * answer in time, or answered 502, 503 or 504) are the ones LiteLLM's {@code unreachable_fallback} governs; every
 * other failure (another error status, an answer that is not a verdict) only {@code fail_on_error: false} lets
 * through ({@link FailurePolicy}).
 */
public final class GuardrailFailure extends RuntimeException {
  private final boolean timedOut;
  private final boolean unreachable;

  private GuardrailFailure(String message, boolean timedOut, boolean unreachable) {
    super(message, null, false, false);
    this.timedOut = timedOut;
    this.unreachable = unreachable;
  }

  /** No answer within the guardrail's timeout. */
  public static GuardrailFailure timeout(String message) {
    return new GuardrailFailure(message, true, true);
  }

  /** The service could not be reached, or said it is unavailable (502, 503, 504). */
  public static GuardrailFailure unreachable(String message) {
    return new GuardrailFailure(message, false, true);
  }

  /** Any other failure: an error status, an answer that is not a verdict. */
  public static GuardrailFailure error(String message) {
    return new GuardrailFailure(message, false, false);
  }

  /** {@code error} as a failure ({@code error} itself when it is one). */
  public static GuardrailFailure of(Throwable error) {
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof GuardrailFailure f) {
      return f;
    }
    String message = cause == null || cause.getMessage() == null
        ? (cause == null ? "unknown failure" : cause.getClass().getSimpleName()) : cause.getMessage();
    return error(message);
  }

  public boolean timedOut() {
    return timedOut;
  }

  public boolean unreachable() {
    return unreachable;
  }

  /** The run's outcome as recorded: {@code timeout} or {@code error}. */
  public String outcome() {
    return timedOut ? "timeout" : "error";
  }
}
