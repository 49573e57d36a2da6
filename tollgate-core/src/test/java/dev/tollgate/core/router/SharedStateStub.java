package dev.tollgate.core.router;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A stand-in for a shared {@link RouterState}: the local view is an {@link InMemoryRouterState}, and
 * {@link #tryAcquire} answers what the test says (another instance took the slot, a store that answers later).
 */
final class SharedStateStub implements RouterState {
  final InMemoryRouterState local;
  private Function<String, CompletionStage<Boolean>> acquire;

  SharedStateStub(InMemoryRouterState local) {
    this.local = local;
    this.acquire = id -> CompletableFuture.completedFuture(true);
  }

  void onAcquire(Function<String, CompletionStage<Boolean>> answer) {
    this.acquire = answer;
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String deploymentId, long rpmLimit, long tpmLimit) {
    return acquire.apply(deploymentId);
  }

  @Override
  public long cooldownUntil(String deploymentId) {
    return local.cooldownUntil(deploymentId);
  }

  @Override
  public void startCooldown(String deploymentId, long untilEpochMillis, String reason) {
    local.startCooldown(deploymentId, untilEpochMillis, reason);
  }

  @Override
  public CompletionStage<Long> recordFailure(String deploymentId, String kind, long windowMillis) {
    return local.recordFailure(deploymentId, kind, windowMillis);
  }

  @Override
  public void addTokens(String deploymentId, long tokens) {
    local.addTokens(deploymentId, tokens);
  }

  @Override
  public MinuteUsage usage(String deploymentId) {
    return local.usage(deploymentId);
  }

  @Override
  public void callStarted(String deploymentId) {
    local.callStarted(deploymentId);
  }

  @Override
  public void callEnded(String deploymentId) {
    local.callEnded(deploymentId);
  }

  @Override
  public long inFlight(String deploymentId) {
    return local.inFlight(deploymentId);
  }

  @Override
  public void recordLatency(String deploymentId, double millis, boolean timeToFirstToken) {
    local.recordLatency(deploymentId, millis, timeToFirstToken);
  }

  @Override
  public LatencyStats latency(String deploymentId) {
    return local.latency(deploymentId);
  }
}
