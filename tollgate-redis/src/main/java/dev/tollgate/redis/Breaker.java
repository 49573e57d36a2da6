package dev.tollgate.redis;

/**
 * Remembers that Redis just failed, so that for a short while callers go straight to their local fallback instead of
 * paying a timeout on every request; after {@code openMillis} one call tries Redis again (and every call that
 * overlaps it), which closes the breaker on success.
 */
public final class Breaker {
  private final long openMillis;
  private volatile long openUntil;
  private volatile boolean failing;

  public Breaker(long openMillis) {
    this.openMillis = openMillis;
  }

  /** May a call try Redis now? */
  public boolean allows(long nowMillis) {
    return nowMillis >= openUntil;
  }

  /** Whether the last call failed (Redis considered down). */
  public boolean failing() {
    return failing;
  }

  /** A call failed: refuse calls for a while. Returns true when this is the first failure after a success. */
  public boolean failed(long nowMillis) {
    openUntil = nowMillis + openMillis;
    boolean first = !failing;
    failing = true;
    return first;
  }

  /** A call succeeded: Redis is back. Returns true when it had been failing. */
  public boolean succeeded() {
    if (!failing) {
      return false;
    }
    failing = false;
    openUntil = 0;
    return true;
  }
}
