package dev.tollgate.core.router;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The {@link CallLease} of one successful attempt: the first {@link #finish} or {@link #abandon} frees the in-flight
 * slot taken when the attempt started, and {@link #finish} also adds the call's tokens to the deployment's minute and,
 * for a call that did not stream, records its latency per completion token (a stream's time to first token was
 * recorded when it opened). Later calls do nothing, so a caller with several exit paths may end it from each.
 */
final class DeploymentLease implements CallLease {
  private final RouterState state;
  private final String deploymentId;
  private final long startedAt;
  private final boolean stream;
  private final LongSupplier clock;
  private final AtomicBoolean ended = new AtomicBoolean();

  DeploymentLease(RouterState state, String deploymentId, long startedAt, boolean stream, LongSupplier clock) {
    this.state = state;
    this.deploymentId = deploymentId;
    this.startedAt = startedAt;
    this.stream = stream;
    this.clock = clock;
  }

  @Override
  public void finish(long completionTokens, long totalTokens) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    state.callEnded(deploymentId);
    state.addTokens(deploymentId, totalTokens);
    if (!stream) {
      long elapsed = Math.max(0, clock.getAsLong() - startedAt);
      state.recordLatency(deploymentId, completionTokens > 0 ? (double) elapsed / completionTokens : elapsed, false);
    }
  }

  @Override
  public void abandon() {
    if (ended.compareAndSet(false, true)) {
      state.callEnded(deploymentId);
    }
  }
}
