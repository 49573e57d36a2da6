package dev.tollgate.core.router;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link RouterState} in this process's memory: the default, and what a shared implementation falls back to while
 * its store is unreachable. Thread-safe; every operation completes at once.
 */
public final class InMemoryRouterState implements RouterState {
  private final ConcurrentHashMap<String, DeploymentCounters> counters = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  /** The latest cooldown end ever set: while the clock is past it, nothing is cooling down. */
  private final AtomicLong latestCooldownEnd = new AtomicLong();

  public InMemoryRouterState() {
    this(System::currentTimeMillis);
  }

  /** @param clock epoch millis (tests pass a controllable clock) */
  public InMemoryRouterState(LongSupplier clock) {
    this.clock = clock;
  }

  private DeploymentCounters of(String id) {
    return counters.computeIfAbsent(id, k -> new DeploymentCounters());
  }

  @Override
  public long cooldownUntil(String deploymentId) {
    DeploymentCounters c = counters.get(deploymentId);
    return c == null ? 0 : c.cooldownUntil;
  }

  @Override
  public void startCooldown(String deploymentId, long untilEpochMillis, String reason) {
    DeploymentCounters c = of(deploymentId);
    synchronized (c) {
      if (untilEpochMillis >= c.cooldownUntil) {
        c.cooldownReason = reason;
      }
      c.cooldownUntil = Math.max(c.cooldownUntil, untilEpochMillis);
    }
    latestCooldownEnd.accumulateAndGet(untilEpochMillis, Math::max);
  }

  @Override
  public String cooldownReason(String deploymentId) {
    DeploymentCounters c = counters.get(deploymentId);
    return c == null || c.cooldownUntil <= clock.getAsLong() ? null : c.cooldownReason;
  }

  @Override
  public void failureSeen(String deploymentId, String summary) {
    DeploymentCounters c = of(deploymentId);
    long now = clock.getAsLong();
    synchronized (c) {
      if (now >= c.noted.endsAt) {
        c.noted = new FailureWindow(now + RecentFailures.WINDOW_MILLIS);
      }
      c.noted.count++;
      c.lastFailureAt = now;
      c.lastFailure = summary;
    }
  }

  @Override
  public RecentFailures recentFailures(String deploymentId) {
    DeploymentCounters c = counters.get(deploymentId);
    if (c == null) {
      return RecentFailures.NONE;
    }
    long now = clock.getAsLong();
    synchronized (c) {
      if (c.lastFailureAt == 0) {
        return RecentFailures.NONE;
      }
      return new RecentFailures(now < c.noted.endsAt ? c.noted.count : 0, c.lastFailureAt, c.lastFailure);
    }
  }

  @Override
  public long latestCooldownEnd() {
    return latestCooldownEnd.get();
  }

  /**
   * Sets the cooldown as given, also shortening it (a shared state's broadcast is the truth). The reason is not
   * shared: a cooldown another instance started has none here.
   */
  public void applyCooldown(String deploymentId, long untilEpochMillis) {
    DeploymentCounters c = of(deploymentId);
    if (c.cooldownUntil != untilEpochMillis) {
      c.cooldownReason = null;
    }
    c.cooldownUntil = untilEpochMillis;
    latestCooldownEnd.accumulateAndGet(untilEpochMillis, Math::max);
  }

  @Override
  public CompletionStage<Long> recordFailure(String deploymentId, String kind, long windowMillis) {
    return CompletableFuture.completedFuture(countFailure(deploymentId, kind, windowMillis));
  }

  /** {@link #recordFailure} without the stage. */
  public long countFailure(String deploymentId, String kind, long windowMillis) {
    DeploymentCounters c = of(deploymentId);
    long now = clock.getAsLong();
    synchronized (c) {
      FailureWindow w = c.failures.get(kind);
      if (w == null || now >= w.endsAt) {
        w = new FailureWindow(now + Math.max(1, windowMillis));
        c.failures.put(kind, w);
      }
      return ++w.count;
    }
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String deploymentId, long rpmLimit, long tpmLimit) {
    return CompletableFuture.completedFuture(acquire(deploymentId, rpmLimit, tpmLimit));
  }

  /** {@link #tryAcquire} without the stage. */
  public boolean acquire(String deploymentId, long rpmLimit, long tpmLimit) {
    return acquire(of(deploymentId), rpmLimit, tpmLimit);
  }

  /** {@link #acquire(String, long, long)} on counters already looked up. */
  boolean acquire(DeploymentCounters c, long rpmLimit, long tpmLimit) {
    long minute = clock.getAsLong() / 60_000;
    synchronized (c) {
      c.roll(minute);
      if (rpmLimit >= 0 && c.requests >= rpmLimit) {
        return false;
      }
      if (tpmLimit >= 0 && c.tokens >= tpmLimit) {
        return false;
      }
      c.requests++;
      return true;
    }
  }

  /**
   * The counters of a deployment, created when missing and kept for the life of this state: a selector holds them
   * per group so that its hot loop needs no map lookups.
   */
  DeploymentCounters countersOf(String deploymentId) {
    return of(deploymentId);
  }

  @Override
  public void addTokens(String deploymentId, long tokens) {
    if (tokens <= 0) {
      return;
    }
    DeploymentCounters c = of(deploymentId);
    long minute = clock.getAsLong() / 60_000;
    synchronized (c) {
      c.roll(minute);
      c.tokens += tokens;
    }
  }

  @Override
  public MinuteUsage usage(String deploymentId) {
    return usage(deploymentId, clock.getAsLong());
  }

  @Override
  public MinuteUsage usage(String deploymentId, long nowMillis) {
    DeploymentCounters c = counters.get(deploymentId);
    if (c == null) {
      return MinuteUsage.NONE;
    }
    long minute = nowMillis / 60_000;
    long requests = c.requestsIn(minute);
    long tokens = c.tokensIn(minute);
    return requests == 0 && tokens == 0 ? MinuteUsage.NONE : new MinuteUsage(requests, tokens);
  }

  /** Replaces the current minute's counts with a shared store's (for a shared implementation's refresh). */
  public void applyUsage(String deploymentId, long minute, long requests, long tokens) {
    DeploymentCounters c = of(deploymentId);
    synchronized (c) {
      c.roll(minute);
      if (c.minute == minute) {
        c.requests = requests;
        c.tokens = tokens;
      }
    }
  }

  @Override
  public void callStarted(String deploymentId) {
    DeploymentCounters c = of(deploymentId);
    synchronized (c) {
      c.inFlight++;
    }
  }

  @Override
  public void callEnded(String deploymentId) {
    DeploymentCounters c = of(deploymentId);
    synchronized (c) {
      if (c.inFlight > 0) {
        c.inFlight--;
      }
    }
  }

  @Override
  public long inFlight(String deploymentId) {
    DeploymentCounters c = counters.get(deploymentId);
    return c == null ? 0 : c.inFlight;
  }

  @Override
  public void recordLatency(String deploymentId, double millis, boolean timeToFirstToken) {
    if (!(millis >= 0) || Double.isInfinite(millis)) {
      return;
    }
    DeploymentCounters c = of(deploymentId);
    synchronized (c) {
      (timeToFirstToken ? c.ttft : c.perToken).add(millis);
      c.stats = null;
    }
  }

  @Override
  public LatencyStats latency(String deploymentId) {
    DeploymentCounters c = counters.get(deploymentId);
    if (c == null) {
      return LatencyStats.NONE;
    }
    LatencyStats s = c.stats;
    if (s != null) {
      return s;
    }
    synchronized (c) {
      if (c.stats == null) {
        int samples = c.perToken.size + c.ttft.size;
        c.stats = samples == 0 ? LatencyStats.NONE
            : new LatencyStats(c.perToken.average(), c.ttft.average(), samples);
      }
      return c.stats;
    }
  }

  /** Everything kept for one deployment; guarded by its own monitor. */
  static final class DeploymentCounters {
    volatile long cooldownUntil;
    volatile String cooldownReason;
    /** Failures noted for the admin API ({@link #failureSeen}); guarded by the monitor. */
    FailureWindow noted = new FailureWindow(0);
    long lastFailureAt;
    String lastFailure;
    volatile long inFlight;
    volatile LatencyStats stats;
    /** Written under the monitor, read without it by {@link #usage}. */
    volatile long minute = -1;
    volatile long requests;
    volatile long tokens;
    final java.util.HashMap<String, FailureWindow> failures = new java.util.HashMap<>(4);
    final Samples perToken = new Samples();
    final Samples ttft = new Samples();

    /**
     * The requests of {@code minute}; 0 when the counters hold another minute. Lock-free: {@link #roll} writes the
     * counts before the minute, so a matching minute means this minute's counts.
     */
    long requestsIn(long minute) {
      return this.minute == minute ? requests : 0;
    }

    /** The tokens of {@code minute}, read as {@link #requestsIn}. */
    long tokensIn(long minute) {
      return this.minute == minute ? tokens : 0;
    }

    void roll(long now) {
      if (now > minute) {
        requests = 0;
        tokens = 0;
        minute = now; // last: a reader that sees the new minute sees the reset counts
      }
    }
  }

  private static final class FailureWindow {
    final long endsAt;
    long count;

    FailureWindow(long endsAt) {
      this.endsAt = endsAt;
    }
  }

  /** The last {@link LatencyStats#WINDOW} samples in a ring. */
  private static final class Samples {
    final double[] ring = new double[LatencyStats.WINDOW];
    int next;
    int size;

    void add(double v) {
      ring[next] = v;
      next = (next + 1) % ring.length;
      if (size < ring.length) {
        size++;
      }
    }

    double average() {
      if (size == 0) {
        return Double.NaN;
      }
      double sum = 0;
      for (int i = 0; i < size; i++) {
        sum += ring[i];
      }
      return sum / size;
    }
  }
}
