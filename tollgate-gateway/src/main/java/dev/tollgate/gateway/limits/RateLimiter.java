package dev.tollgate.gateway.limits;

/**
 * Per-key request, token and parallel-request limits over fixed windows, as LiteLLM's limiter: RPM is checked and
 * counted before the call; TPM is checked before the call against the tokens already counted in the window and the
 * call's tokens are counted after it; a parallel slot is taken before the call and given back when it completes.
 *
 * <p>{@link InMemoryRateLimiter} counts on this instance only; a Redis-backed implementation (shared by every
 * instance) plugs in here later.
 */
public interface RateLimiter {
  /** Fixed window length (LiteLLM's {@code LITELLM_RATE_LIMIT_WINDOW_SIZE}). */
  long WINDOW_MILLIS = 60_000;

  /** Checks every limit of {@code key} and, when all allow, counts the request and takes a parallel slot. */
  Decision acquire(String keyHash, KeyLimits limits, long nowMillis);

  /**
   * The call that {@link #acquire} admitted ended: gives back its parallel slot and counts its tokens in the current
   * window.
   */
  void release(String keyHash, KeyLimits limits, long totalTokens, long nowMillis);
}
