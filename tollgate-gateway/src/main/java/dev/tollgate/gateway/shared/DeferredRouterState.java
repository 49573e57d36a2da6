package dev.tollgate.gateway.shared;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState;
import java.util.concurrent.CompletionStage;

/**
 * The gateway's one router state, handed to every model snapshot's router before the shared store is connected:
 * in this process's memory until {@link #share} connects the shared (Redis) state, which then answers every call.
 * The in-memory state is the shared state's own local view and fallback, so nothing counted before the switch is
 * lost. Lives as long as the process; reloads keep it.
 */
public final class DeferredRouterState implements RouterState {
  private final InMemoryRouterState local;
  private volatile RouterState current;

  public DeferredRouterState(InMemoryRouterState local) {
    this.local = local;
    this.current = local;
  }

  /** The in-memory state (the shared state's local view). */
  public InMemoryRouterState local() {
    return local;
  }

  /** From now on, {@code shared} answers. */
  public void share(RouterState shared) {
    this.current = shared;
  }

  /** Back to memory only (the shared store is closing); returns what was shared, for the caller to close. */
  public RouterState unshare() {
    RouterState was = current;
    current = local;
    return was == local ? null : was;
  }

  @Override
  public long cooldownUntil(String deploymentId) {
    return current.cooldownUntil(deploymentId);
  }

  @Override
  public void startCooldown(String deploymentId, long untilEpochMillis, String reason) {
    current.startCooldown(deploymentId, untilEpochMillis, reason);
  }

  @Override
  public CompletionStage<Long> recordFailure(String deploymentId, String kind, long windowMillis) {
    return current.recordFailure(deploymentId, kind, windowMillis);
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String deploymentId, long rpmLimit, long tpmLimit) {
    return current.tryAcquire(deploymentId, rpmLimit, tpmLimit);
  }

  @Override
  public void addTokens(String deploymentId, long tokens) {
    current.addTokens(deploymentId, tokens);
  }

  @Override
  public MinuteUsage usage(String deploymentId) {
    return current.usage(deploymentId);
  }

  @Override
  public void callStarted(String deploymentId) {
    current.callStarted(deploymentId);
  }

  @Override
  public void callEnded(String deploymentId) {
    current.callEnded(deploymentId);
  }

  @Override
  public long inFlight(String deploymentId) {
    return current.inFlight(deploymentId);
  }

  @Override
  public void recordLatency(String deploymentId, double millis, boolean timeToFirstToken) {
    current.recordLatency(deploymentId, millis, timeToFirstToken);
  }

  @Override
  public LatencyStats latency(String deploymentId) {
    return current.latency(deploymentId);
  }

  @Override
  public String cooldownReason(String deploymentId) {
    return current.cooldownReason(deploymentId);
  }

  @Override
  public void failureSeen(String deploymentId, String summary) {
    current.failureSeen(deploymentId, summary);
  }

  @Override
  public RecentFailures recentFailures(String deploymentId) {
    return current.recentFailures(deploymentId);
  }
}
