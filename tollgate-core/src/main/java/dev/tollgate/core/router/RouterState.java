package dev.tollgate.core.router;

import java.util.concurrent.CompletionStage;

/**
 * The router's shared state: cooldowns, per-minute request and token use, in-flight calls and latency samples of each
 * deployment. {@link InMemoryRouterState} keeps it in this process; a Redis implementation ({@code tollgate-redis})
 * shares it between gateway instances.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>No method blocks. Reads ({@link #cooldownUntil}, {@link #usage}, {@link #inFlight}, {@link #latency}) return
 *       this process's current view at once; a shared implementation keeps that view fresh in the background (and
 *       may lag by up to about a second).
 *   <li>{@link #tryAcquire} is the one operation that must be atomic across instances: two instances never both admit
 *       a request beyond a deployment's rpm in one minute.
 *   <li>When the shared store is unreachable, operations fall back to local state, log once, and recover on their
 *       own; no future fails because the store is down.
 *   <li>Minutes are UTC calendar minutes ({@code epochMillis / 60_000}), so that every instance counts the same
 *       window.
 * </ul>
 */
public interface RouterState extends AutoCloseable {

  /** Epoch millis until which the deployment is cooling down; 0 (or a past time) when it is not. */
  long cooldownUntil(String deploymentId);

  /**
   * A time (epoch millis) by which every cooldown this process knows of has ended, so that a selector may skip the
   * per-deployment {@link #cooldownUntil} reads while the clock is past it. The default, {@link Long#MAX_VALUE},
   * means "not tracked: ask per deployment".
   */
  default long latestCooldownEnd() {
    return Long.MAX_VALUE;
  }

  /**
   * Cools a deployment down until {@code untilEpochMillis}, in this process at once and (shared implementations) on
   * every instance soon after.
   *
   * @param reason a short text for logs and the admin API, e.g. {@code "429 RateLimitError"}
   */
  void startCooldown(String deploymentId, long untilEpochMillis, String reason);

  /**
   * Counts one failed call of a deployment in the window {@code windowMillis} that starts with the first counted
   * failure, per {@code kind} (e.g. {@code RateLimitError}, or {@code "*"} for all kinds together).
   *
   * @return the number of failures of that kind in the current window, this one included (all instances together for
   *     a shared implementation)
   */
  CompletionStage<Long> recordFailure(String deploymentId, String kind, long windowMillis);

  /**
   * Admits one request to a deployment in the current minute when that stays within {@code rpmLimit} requests and
   * the minute's tokens are below {@code tpmLimit}, counting it when admitted. Atomic across instances.
   *
   * @param rpmLimit -1 for unlimited
   * @param tpmLimit -1 for unlimited
   * @return true when admitted (and counted); false when the deployment is at its limit this minute
   */
  CompletionStage<Boolean> tryAcquire(String deploymentId, long rpmLimit, long tpmLimit);

  /** Adds a finished call's tokens to the deployment's current minute. */
  void addTokens(String deploymentId, long tokens);

  /** The deployment's requests and tokens in the current minute, as known here now. */
  MinuteUsage usage(String deploymentId);

  /**
   * As {@link #usage(String)}, for the minute of {@code nowMillis}: the clock read once by a caller that reads many
   * deployments (usage-based routing reads every deployment of a group per request).
   */
  default MinuteUsage usage(String deploymentId, long nowMillis) {
    return usage(deploymentId);
  }

  /** A call to the deployment started (for {@code least-busy}). */
  void callStarted(String deploymentId);

  /** A call to the deployment ended, successfully or not. */
  void callEnded(String deploymentId);

  /** Calls to the deployment in flight now. */
  long inFlight(String deploymentId);

  /**
   * Records one latency sample: milliseconds per completion token of a whole call, or (for a stream) the time to its
   * first token. Implementations keep the last {@link LatencyStats#WINDOW} samples of each kind.
   */
  void recordLatency(String deploymentId, double millis, boolean timeToFirstToken);

  /** The rolling latency averages of the deployment. */
  LatencyStats latency(String deploymentId);

  /**
   * Why the deployment is cooling down (the {@code reason} given to {@link #startCooldown}), as this process knows it;
   * null when it is not cooling down, or when another instance started the cooldown. For the admin API only.
   */
  default String cooldownReason(String deploymentId) {
    return null;
  }

  /**
   * Notes one failed call of the deployment for the admin API ({@link #recentFailures}). Every failed attempt is
   * noted, whatever the cooldown policy makes of it; routing decisions never read these notes. Must be cheap: it runs
   * on the router's failure path. The default keeps nothing.
   *
   * @param summary a short text naming the failure, e.g. {@code "500 InternalServerError"}; never an error message
   *     (an upstream may echo credentials in it)
   */
  default void failureSeen(String deploymentId, String summary) {}

  /** The failed calls of the deployment this process noted in the current minute-long window, for the admin API. */
  default RecentFailures recentFailures(String deploymentId) {
    return RecentFailures.NONE;
  }

  /** Releases connections or timers; the default does nothing. */
  @Override
  default void close() {}

  /** A deployment's use in the current UTC minute. */
  record MinuteUsage(long requests, long tokens) {
    public static final MinuteUsage NONE = new MinuteUsage(0, 0);
  }

  /**
   * Failed calls of one deployment as this process saw them.
   *
   * @param count failures noted in the window that started with the first failure after the previous window ended
   *     ({@link #WINDOW_MILLIS} long); 0 once it has ended
   * @param lastAtMillis epoch millis of the last failure ever noted; 0 when none
   * @param last the summary of that failure, e.g. {@code "500 InternalServerError"}; null when none
   */
  record RecentFailures(long count, long lastAtMillis, String last) {
    public static final long WINDOW_MILLIS = 60_000;
    public static final RecentFailures NONE = new RecentFailures(0, 0, null);
  }

  /**
   * Rolling averages of the last {@link #WINDOW} samples; {@code NaN} when there are none.
   *
   * @param perToken average milliseconds per completion token over whole calls
   * @param timeToFirstToken average milliseconds to the first token of streams
   */
  record LatencyStats(double perToken, double timeToFirstToken, int samples) {
    /** Samples kept per deployment and kind (LiteLLM's {@code max_latency_list_size}). */
    public static final int WINDOW = 10;
    public static final LatencyStats NONE = new LatencyStats(Double.NaN, Double.NaN, 0);
  }
}
