package dev.tollgate.core.router;

import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry. The upstream's {@code Retry-After} wins when the error carries one. Otherwise a
 * rate-limited call backs off exponentially ({@value #INITIAL_MILLIS} ms doubling per retry, capped at
 * {@value #MAX_MILLIS} ms, with up to ±75% jitter so that many clients do not retry in step); any other error is
 * retried at once when the group has another deployment to go to, and with the same exponential back-off when it
 * does not. The router's {@code retry_after} is the minimum in every case.
 */
final class Backoff {
  static final long INITIAL_MILLIS = 500;
  static final long MAX_MILLIS = 8_000;
  static final double JITTER = 0.75;

  private final Duration minimum;
  private final RandomGenerator random;

  Backoff(Duration minimum, RandomGenerator random) {
    this.minimum = minimum == null ? Duration.ZERO : minimum;
    this.random = random;
  }

  /**
   * @param retry 0 for the first retry within the group, counting up
   * @param anotherAvailable whether the group has a deployment not yet tried and not cooling down
   */
  long delayMillis(Throwable error, ErrorKind kind, int retry, boolean anotherAvailable) {
    long delay;
    Duration retryAfter = retryAfter(error);
    if (retryAfter != null) {
      delay = retryAfter.toMillis();
    } else if (kind != ErrorKind.RATE_LIMIT && anotherAvailable) {
      delay = 0;
    } else {
      delay = exponential(retry);
    }
    return Math.max(delay, minimum.toMillis());
  }

  private long exponential(int retry) {
    double base = Math.min(MAX_MILLIS, INITIAL_MILLIS * Math.pow(2, Math.min(retry, 30)));
    double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
    return Math.round(Math.min(MAX_MILLIS, Math.max(0, base * factor)));
  }

  private static Duration retryAfter(Throwable error) {
    if (ErrorKind.unwrap(error) instanceof RateLimitException limited) {
      return limited.retryAfter().filter(d -> !d.isNegative()).orElse(null);
    }
    return null;
  }
}
