package dev.tollgate.gateway.limits;

import io.vertx.core.Future;

/**
 * Per-key request, token and parallel-request limits over fixed windows, as LiteLLM's limiter: RPM is checked and
 * counted before the call; TPM is checked before the call against the tokens already counted in the window and the
 * call's tokens are counted after it; a parallel slot is taken before the call and given back when it completes.
 *
 * <p>{@link InMemoryRateLimiter} counts on this instance only and answers with an already-completed future;
 * {@link RedisRateLimiter} counts in Redis, shared by every instance, and answers after one round trip (falling back
 * to memory when Redis fails or is slow).
 */
public interface RateLimiter {
  /** Fixed window length (LiteLLM's {@code LITELLM_RATE_LIMIT_WINDOW_SIZE}). */
  long WINDOW_MILLIS = 60_000;

  /**
   * Checks every limit of {@code key} and, when all allow, counts the request and takes a parallel slot. Never fails:
   * a limiter whose store is unreachable decides from local state instead. The future may complete on another thread
   * than the caller's; callers on an event loop resume on their own context.
   */
  Future<Decision> acquire(String keyHash, KeyLimits limits, long nowMillis);

  /**
   * The call that {@link #acquire} admitted ({@code admitted}) ended: gives back its parallel slot and counts its
   * tokens in the current window. Fire and forget.
   */
  void release(String keyHash, KeyLimits limits, Decision admitted, long totalTokens, long nowMillis);
}
