package dev.tollgate.bench.load;

import java.util.List;

/**
 * When a closed-loop warm-up may stop: after at least the minimum time, once the throughput of the last
 * {@link #WINDOW_SECONDS} s is within {@link #TOLERANCE} of the {@link #WINDOW_SECONDS} s before it and, for a JVM,
 * its JIT compiler threads used at most {@link #JIT_QUIET_SHARE} of one core in the last {@link #WINDOW_SECONDS} s;
 * in any case at the cap. The inputs are the successful replies per one-second window, oldest first, and the target's
 * cumulative JIT compiler CPU ticks read after each of those seconds.
 *
 * <p>Throughput alone stopped the gateway's warm-up while C2 was still compiling on the shared cores: at 9,900 req/s
 * after 24 s, where the max-throughput phase that followed reached 14,400, and the first rate phases then ran beside
 * the compiler.
 */
public final class WarmupRule {
  private WarmupRule() {}

  public static final int WINDOW_SECONDS = 3;
  public static final double TOLERANCE = 0.10;
  /** The JIT has settled when its threads used at most this share of one core over the last window. */
  public static final double JIT_QUIET_SHARE = 0.05;

  /** Unmeasured streaming rounds before the measured one: at least this many, */
  public static final int STREAM_ROUNDS_MIN = 2;
  /** and more while the target's JIT compiled through the last one, up to this many. */
  public static final int STREAM_ROUNDS_MAX = 16;

  /**
   * Whether the streaming warm-up may stop after {@code round} rounds (1-based), the last of which lasted
   * {@code roundSeconds} while the target's JIT compiler threads used {@code jitTicks}: after
   * {@link #STREAM_ROUNDS_MIN} rounds once the JIT used at most {@link #JIT_QUIET_SHARE} of one core over the last
   * round, in any case after {@link #STREAM_ROUNDS_MAX}. A target without a JIT has {@code jitTicks} 0.
   *
   * <p>Two rounds left the gateway's C2 compiling the relay path through the measured round (0.8 CPU-s of about 3 in
   * the 17:50 and 18:14 runs), on the cores the fake, the generator and the gateway's event loops share. Under
   * continuous load of 1,000 streams the gateway's compiler settles after about 40 s (-XX:+PrintCompilation: 6,453
   * lines in the first 10 s, 112 in the sixth); a round is about 2 s of load, hence the cap of 16.
   */
  public static boolean streamWarmupDone(int round, long jitTicks, double roundSeconds, long clockTicks) {
    if (round >= STREAM_ROUNDS_MAX) {
      return true;
    }
    return round >= STREAM_ROUNDS_MIN && jitTicks <= JIT_QUIET_SHARE * roundSeconds * clockTicks;
  }

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

  /**
   * True when the JIT compiler threads used at most {@link #JIT_QUIET_SHARE} of one core over the last window;
   * {@code jitTicks} empty (a process without a JIT, or not measured): true.
   */
  public static boolean jitQuiet(List<Long> jitTicks, long clockTicks) {
    if (jitTicks.isEmpty()) {
      return true;
    }
    long used = jitTicksInLastWindow(jitTicks);
    return used >= 0 && used <= JIT_QUIET_SHARE * WINDOW_SECONDS * clockTicks;
  }

  /** JIT compiler ticks spent over the last window, from cumulative readings; -1 when there are too few readings. */
  public static long jitTicksInLastWindow(List<Long> jitTicks) {
    int n = jitTicks.size();
    return n <= WINDOW_SECONDS ? -1 : jitTicks.get(n - 1) - jitTicks.get(n - 1 - WINDOW_SECONDS);
  }

  /** Decides after each completed second on throughput alone. */
  public static Decision decide(List<Long> perSecond, int minSeconds, int maxSeconds) {
    return decide(perSecond, List.of(), 100, minSeconds, maxSeconds);
  }

  /**
   * Decides after each completed second: {@code perSecond.size()} seconds have elapsed; {@code stable} means the
   * throughput was stable and the JIT quiet.
   */
  public static Decision decide(List<Long> perSecond, List<Long> jitTicks, long clockTicks, int minSeconds,
      int maxSeconds) {
    int elapsed = perSecond.size();
    if (elapsed < minSeconds) {
      return new Decision(false, false);
    }
    boolean settled = stable(perSecond) && jitQuiet(jitTicks, clockTicks);
    return new Decision(settled || elapsed >= maxSeconds, settled);
  }
}
