package dev.tollgate.bench.load;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, reported in milliseconds. */
public record LatencyStats(long count, double p50, double p90, double p99, double p999, double max) {
  /** Highest value a histogram tracks: 120 s in microseconds. */
  public static final long HIGHEST_MICROS = 120_000_000L;

  public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
      Double.NaN);

  /** A histogram for microsecond values, 3 significant digits. */
  public static Histogram newHistogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  /** Records a nanosecond duration as microseconds, clamped into the trackable range. */
  public static void recordNanos(Histogram h, long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    h.recordValue(Math.min(micros, HIGHEST_MICROS));
  }

  public static LatencyStats of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencyStats(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Overhead of a target over the direct baseline at one percentile: {@code target - direct}, NaN if either is. */
  public static double overhead(double target, double direct) {
    if (Double.isNaN(target) || Double.isNaN(direct)) {
      return Double.NaN;
    }
    return target - direct;
  }
}
