package dev.tollgate.core.router;

import dev.tollgate.providers.spi.CallTarget;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One router test's world: a manual clock, in-memory state on that clock, a scheduler that records delays, the
 * {@link FirstFreeSelector} and a {@link ScriptedAttempt}.
 */
final class RouterFixture {
  static final long START = 1_700_000_000_000L;

  final ManualClock clock = new ManualClock(START);
  final InMemoryRouterState state = new InMemoryRouterState(clock);
  final RecordingScheduler scheduler = new RecordingScheduler(clock);
  final FirstFreeSelector selector = new FirstFreeSelector(state, clock);
  final ScriptedAttempt attempt = new ScriptedAttempt();

  Router router(RouterOptions options, Deployment... deployments) {
    return new Router(List.of(deployments), options, state, scheduler, selector, clock, new Random(42));
  }

  /** A deployment of {@code group} with id {@code id} on the OpenAI provider. */
  static Deployment deployment(String group, String id) {
    return new Deployment(group, id, "openai/" + id, null, CallTarget.of("openai", id));
  }

  static Deployment deployment(String group, String id, DeploymentRouting routing) {
    return deployment(group, id).withRouting(routing);
  }

  static DeploymentRouting withCooldown(java.time.Duration cooldown) {
    return new DeploymentRouting(null, null, null, null, null, null, null, null, null, cooldown, null, null);
  }

  static DeploymentRouting withAllowedFails(int allowed) {
    return new DeploymentRouting(null, null, null, null, null, null, null, null, null, null, allowed, null);
  }

  static DeploymentRouting withRetries(int retries) {
    return new DeploymentRouting(null, null, null, null, null, null, null, null, retries, null, null, null);
  }

  static DeploymentRouting withTimeouts(java.time.Duration timeout, java.time.Duration streamTimeout) {
    return new DeploymentRouting(null, null, null, null, null, null, timeout, streamTimeout, null, null, null, null);
  }

  /** The outcome of a routed call that completed within the test's call (the scheduler runs waits inline). */
  static <T> Routed<T> success(CompletableFuture<Routed<T>> future) {
    if (!future.isDone()) {
      throw new AssertionError("the routed call did not complete");
    }
    return future.join();
  }

  static Throwable failure(CompletableFuture<?> future) {
    if (!future.isDone()) {
      throw new AssertionError("the routed call did not complete");
    }
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("the routed call succeeded");
  }
}
