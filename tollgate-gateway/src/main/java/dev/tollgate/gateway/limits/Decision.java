package dev.tollgate.gateway.limits;

/**
 * The outcome of {@link RateLimiter#acquire}: allowed or not, which limit refused, and the window's state for the
 * {@code x-ratelimit-*} headers.
 *
 * @param refusedBy null when allowed; else {@code requests}, {@code tokens} or {@code max_parallel_requests}
 * @param limit the refusing limit's value (0 when allowed)
 * @param remaining what was left of the refusing limit (0 when allowed)
 * @param resetAtMillis when the current window ends (epoch ms)
 * @param remainingRequests requests left in the window after this one (when an RPM limit is set)
 * @param remainingTokens tokens left in the window (when a TPM limit is set)
 * @param shared counted in the store every instance shares (Redis), not in this process's memory; tells
 *     {@link RateLimiter#release} where to give the slot back
 */
public record Decision(String refusedBy, long limit, long remaining, long resetAtMillis, long remainingRequests,
    long remainingTokens, boolean shared) {
  /** Counted in this process's memory. */
  public Decision(String refusedBy, long limit, long remaining, long resetAtMillis, long remainingRequests,
      long remainingTokens) {
    this(refusedBy, limit, remaining, resetAtMillis, remainingRequests, remainingTokens, false);
  }

  public boolean allowed() {
    return refusedBy == null;
  }
}
