package dev.tollgate.redis.router;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.redis.SharedRedis;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link RouterState} shared by every gateway instance through Redis, over an {@link InMemoryRouterState} that is
 * both this instance's view (every read answers from it at once) and its fallback while Redis is unreachable.
 *
 * <p>What is shared, and how:
 * <ul>
 *   <li><b>Rate-limited admission</b> ({@link #tryAcquire} with an rpm or tpm limit): one atomic Lua script on the
 *       minute's hash {@code <base>{id}:<minute>} (fields {@code r}, {@code t}), so instances never admit together
 *       beyond the rpm. Its answer also updates the local view. When Redis is down, slower than the settings'
 *       timeout, or its breaker is open, the local state decides (against the last shared counts it knows plus its
 *       own) and the admitted request is written to Redis later. If Redis admits after the timeout already fell
 *       back, its count is taken back ({@code HINCRBY -1}); the local decision stands.
 *   <li><b>Unlimited requests and tokens</b> ({@link #tryAcquire} with both limits -1, {@link #addTokens}): counted
 *       here at once and written in the next background batch, not per request. tpm checks in Redis therefore see
 *       tokens (this instance's too) up to about a second late.
 *   <li><b>Usage</b> ({@link #usage}): the local view, refreshed about every second with all instances' counts for
 *       every deployment this instance has seen ({@link RouterRefresh}).
 *   <li><b>Cooldowns</b>: set here at once, written to Redis and announced on a channel so that other instances apply
 *       them at once; the key is read again with every refresh ({@link CooldownShare}). Cooldowns only grow.
 *   <li><b>Failure counts</b> ({@link #recordFailure}): one Lua {@code INCR}/{@code PEXPIRE} per call, so all
 *       instances count into one window; locally while Redis is down. A count that Redis made after the timeout
 *       already fell back is not undone (a failure may count twice then).
 *   <li><b>In-flight calls</b> ({@link #inFlight}): this instance's exact count plus the other instances' as
 *       published in their last batch (up to about a second old; ignored when older than five seconds).
 *   <li><b>Latency</b>: per instance only; each instance routes by the latency it measures itself.
 * </ul>
 *
 * <p>The refresh covers the deployments this instance has touched through any method, reads included, so a router
 * sees the shared state of every deployment it considers from its first look (a new one triggers a refresh at once).
 * No method blocks or fails because of Redis; its outage is logged once by {@link SharedRedis}, and everything
 * resumes by itself when Redis answers again. {@link #close} stops the timer and the subscription, not the
 * {@link SharedRedis}, which belongs to the caller.
 */
public final class RedisRouterState implements RouterState {
  /** The namespace after the settings' key prefix. */
  public static final String DEFAULT_NAMESPACE = "router:";
  /** How often the background batch writes this instance's counts and reads everyone's. */
  public static final long REFRESH_MILLIS = 1_000;
  static final long USAGE_TTL_MILLIS = 120_000;
  static final long BACKGROUND_TIMEOUT_MILLIS = 1_000;
  private static final CompletionStage<Boolean> ADMITTED = CompletableFuture.completedStage(true);
  private static final CompletionStage<Boolean> REFUSED = CompletableFuture.completedStage(false);

  private final SharedRedis redis;
  private final InMemoryRouterState local;
  private final LongSupplier clock;
  private final RouterKeys keys;
  private final ConcurrentHashMap<String, DeploymentShare> shares = new ConcurrentHashMap<>();
  private final CooldownShare cooldowns;
  private final RouterRefresh refresh;

  private RedisRouterState(SharedRedis redis, String namespace, InMemoryRouterState local, LongSupplier clock,
      long refreshMillis) {
    this.redis = redis;
    this.local = local;
    this.clock = clock;
    this.keys = new RouterKeys(redis.settings().keyPrefix() + namespace);
    this.cooldowns = new CooldownShare(redis, keys, namespace + "cooldowns", local, clock);
    this.refresh = new RouterRefresh(redis, keys, local, shares.values(), cooldowns, clock,
        UUID.randomUUID().toString(), refreshMillis);
  }

  /** Starts sharing under {@link #DEFAULT_NAMESPACE} with the system clock. */
  public static RedisRouterState start(SharedRedis redis, InMemoryRouterState local) {
    return start(redis, DEFAULT_NAMESPACE, local, System::currentTimeMillis);
  }

  /**
   * Starts sharing: subscribes to the cooldown channel and starts the background refresh.
   *
   * @param namespace put after the settings' key prefix, e.g. {@code router:}
   * @param local this instance's view and fallback
   * @param clock epoch millis; must be the clock {@code local} was made with (tests pass a controllable one)
   */
  public static RedisRouterState start(SharedRedis redis, String namespace, InMemoryRouterState local,
      LongSupplier clock) {
    return start(redis, namespace, local, clock, REFRESH_MILLIS);
  }

  /** {@link #start(SharedRedis, String, InMemoryRouterState, LongSupplier)} with another refresh period (tests). */
  static RedisRouterState start(SharedRedis redis, String namespace, InMemoryRouterState local, LongSupplier clock,
      long refreshMillis) {
    RedisRouterState state = new RedisRouterState(redis, namespace, local, clock, refreshMillis);
    state.cooldowns.subscribe(state.refresh::soon);
    state.refresh.start();
    return state;
  }

  private DeploymentShare share(String id) {
    DeploymentShare s = shares.get(id);
    if (s == null) {
      s = shares.computeIfAbsent(id, DeploymentShare::new);
      refresh.soon();
    }
    return s;
  }

  private long minute() {
    return clock.getAsLong() / 60_000;
  }

  /** Runs the background batch now, or returns the one running; completes at once while the breaker is open. */
  Future<Void> refreshNow() {
    return refresh.runIfIdle();
  }

  @Override
  public long cooldownUntil(String deploymentId) {
    share(deploymentId);
    return local.cooldownUntil(deploymentId);
  }

  @Override
  public void startCooldown(String deploymentId, long untilEpochMillis, String reason) {
    DeploymentShare share = share(deploymentId);
    local.startCooldown(deploymentId, untilEpochMillis, reason);
    cooldowns.share(share, untilEpochMillis);
  }

  @Override
  public CompletionStage<Long> recordFailure(String deploymentId, String kind, long windowMillis) {
    share(deploymentId);
    if (!redis.available()) {
      return CompletableFuture.completedStage(local.countFailure(deploymentId, kind, windowMillis));
    }
    Future<Long> counted = attempt(() -> RouterScripts.COUNT_FAILURE.run(redis.client(),
        new String[] {keys.failures(deploymentId, kind)}, Math.max(1, windowMillis)).map(Response::toLong));
    return redis.guard(counted, null)
        .otherwise(e -> local.countFailure(deploymentId, kind, windowMillis))
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String deploymentId, long rpmLimit, long tpmLimit) {
    DeploymentShare share = share(deploymentId);
    long minute = minute();
    if (rpmLimit < 0 && tpmLimit < 0) {
      local.acquire(deploymentId, -1, -1);
      share.addRequest(minute);
      return ADMITTED;
    }
    if (!redis.available()) {
      return acquireLocally(share, rpmLimit, tpmLimit) ? ADMITTED : REFUSED;
    }
    String key = keys.usage(deploymentId, minute);
    Future<long[]> counted = attempt(() -> RouterScripts.ACQUIRE.run(redis.client(), new String[] {key}, rpmLimit,
        tpmLimit, USAGE_TTL_MILLIS).map(r -> new long[] {r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong()}));
    return redis.guard(counted, late -> {
          if (late[0] == 1) {
            redis.client().send(Request.cmd(Command.HINCRBY).arg(key).arg("r").arg(-1));
          }
        })
        .map(c -> {
          share.applyShared(local, minute, c[1], c[2]);
          return c[0] == 1;
        })
        .otherwise(e -> acquireLocally(share, rpmLimit, tpmLimit))
        .toCompletionStage();
  }

  /** A Redis call that may also throw (a client closed under us): a failed future either way, for the fallback. */
  static <T> Future<T> attempt(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Decides on the local view; an admitted request is written to Redis with the next batch. */
  private boolean acquireLocally(DeploymentShare share, long rpmLimit, long tpmLimit) {
    boolean admitted = local.acquire(share.id, rpmLimit, tpmLimit);
    if (admitted) {
      share.addRequest(minute());
    }
    return admitted;
  }

  @Override
  public void addTokens(String deploymentId, long tokens) {
    if (tokens <= 0) {
      return;
    }
    DeploymentShare share = share(deploymentId);
    local.addTokens(deploymentId, tokens);
    share.addTokens(minute(), tokens);
  }

  @Override
  public MinuteUsage usage(String deploymentId) {
    share(deploymentId);
    return local.usage(deploymentId);
  }

  @Override
  public void callStarted(String deploymentId) {
    share(deploymentId);
    local.callStarted(deploymentId);
  }

  @Override
  public void callEnded(String deploymentId) {
    share(deploymentId);
    local.callEnded(deploymentId);
  }

  @Override
  public long inFlight(String deploymentId) {
    return local.inFlight(deploymentId)
        + share(deploymentId).othersInFlight(clock.getAsLong(), RouterRefresh.BUSY_STALE_MILLIS);
  }

  @Override
  public void recordLatency(String deploymentId, double millis, boolean timeToFirstToken) {
    local.recordLatency(deploymentId, millis, timeToFirstToken);
  }

  @Override
  public LatencyStats latency(String deploymentId) {
    return local.latency(deploymentId);
  }

  /** Per instance: another instance's cooldown has no reason here. */
  @Override
  public String cooldownReason(String deploymentId) {
    return local.cooldownReason(deploymentId);
  }

  /** Per instance: failures are noted for the admin API in this process only. */
  @Override
  public void failureSeen(String deploymentId, String summary) {
    local.failureSeen(deploymentId, summary);
  }

  @Override
  public RecentFailures recentFailures(String deploymentId) {
    return local.recentFailures(deploymentId);
  }

  @Override
  public void close() {
    refresh.close();
    cooldowns.close();
  }
}
