package dev.tollgate.bench.load;

import java.util.List;

/**
 * When a closed-loop warm-up may stop: after at least the minimum time, once the throughput of the last
 * {@link #WINDOW_SECONDS} s is within {@link #TOLERANCE} of the {@link #WINDOW_SECONDS} s before it (JIT settled),
 * and in any case at the cap. The input is the successful replies per one-second window, oldest first.
 */
public final class WarmupRule {
  private WarmupRule() {}

  public static final int WINDOW_SECONDS = 3;
  public static final double TOLERANCE = 0.10;

  /** What the rule decided: stop or not, and whether because the throughput was stable. */
  public record Decision(boolean stop, boolean stable) {}

  /** Replies of the last window and of the window before it, per second; NaN when there are too few seconds. */
  public static double[] lastTwoWindows(List<Long> perSecond) {
    int n = perSecond.size();
    if (n < 2 * WINDOW_SECONDS) {
      return new double[] {Double.NaN, Double.NaN};
    }
    long last = 0;
    long before = 0;
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      last += perSecond.get(n - 1 - i);
      before += perSecond.get(n - 1 - WINDOW_SECONDS - i);
    }
    return new double[] {last / (double) WINDOW_SECONDS, before / (double) WINDOW_SECONDS};
  }

  /** True when the last window's throughput is within 10% of the window before it (and not zero). */
  public static boolean stable(List<Long> perSecond) {
    double[] w = lastTwoWindows(perSecond);
    if (Double.isNaN(w[0]) || w[1] <= 0) {
      return false;
    }
    return Math.abs(w[0] - w[1]) <= TOLERANCE * w[1];
  }

  /** Decides after each completed second: {@code perSecond.size()} seconds have elapsed. */
  public static Decision decide(List<Long> perSecond, int minSeconds, int maxSeconds) {
    int elapsed = perSecond.size();
    if (elapsed < minSeconds) {
      return new Decision(false, false);
    }
    boolean stable = stable(perSecond);
    return new Decision(stable || elapsed >= maxSeconds, stable);
  }
}
