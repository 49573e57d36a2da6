package dev.tollgate.bench.load;

/**
 * The open-loop schedule: request {@code i} is due at {@code start + i / rate}, whatever happened to earlier requests.
 * Pure arithmetic on nanoseconds so it can be tested without a clock.
 */
public record Schedule(double ratePerSecond, long totalRequests) {
  public Schedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0");
    }
    if (totalRequests < 0) {
      throw new IllegalArgumentException("total must be >= 0");
    }
  }

  /** A schedule of {@code rate} requests per second for {@code durationNanos}. */
  public static Schedule of(double ratePerSecond, long durationNanos) {
    return new Schedule(ratePerSecond, (long) Math.floor(ratePerSecond * durationNanos / 1e9));
  }

  /** Offset from the start at which request {@code i} (0-based) is due. */
  public long offsetNanos(long i) {
    return (long) Math.floor(i * 1e9 / ratePerSecond);
  }

  /** How many requests are due by {@code elapsedNanos} after the start (request 0 is due at 0), capped at the total. */
  public long dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long due = (long) Math.floor(elapsedNanos * ratePerSecond / 1e9) + 1;
    // Guard rounding: make sure every counted request really is due, and none due is missed.
    while (due > 0 && offsetNanos(due - 1) > elapsedNanos) {
      due--;
    }
    while (due < totalRequests && offsetNanos(due) <= elapsedNanos) {
      due++;
    }
    return Math.min(due, totalRequests);
  }
}
