package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A guardrail that asks another service (a guardrail API, a judge model) and so answers later: the asynchronous twin
 * of {@link Guardrail}, so that a remote check never blocks an event loop. The built-ins stay on the synchronous
 * contract (no future, no allocation, no hop); a request pays for futures only when one of its guardrails is remote.
 *
 * <p>Called on the request's event loop. The gateway bounds every run by {@link #timeout()} (a later answer is
 * ignored) and, when the run fails, applies {@link #failures()}: fail closed refuses the request, fail open lets it
 * through. The verdict means what {@link Guardrail#check} would mean; a {@link Verdict.Masked} holds one text per
 * input text.
 */
public interface AsyncGuardrail {
  /**
   * The verdict on {@code texts}, or a failed future: a {@link GuardrailFailure} when the service could not give one
   * (any other exception is treated as one of kind {@code error}).
   */
  Future<Verdict> check(List<String> texts, GuardrailCall call);

  /** How long the gateway waits for {@link #check}. */
  Duration timeout();

  /** What a failed run means: refuse the request or let it through. */
  FailurePolicy failures();

  /**
   * False when the guardrail never answers with a mask (a judge only allows or blocks): a stream then flows and only
   * its end waits for the verdict. True (the default): a stream is held whole, so a mask can be applied.
   */
  default boolean mayMask() {
    return true;
  }
}
