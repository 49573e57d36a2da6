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
 */
public record Decision(String refusedBy, long limit, long remaining, long resetAtMillis, long remainingRequests,
    long remainingTokens) {
  public boolean allowed() {
    return refusedBy == null;
  }
}
