package dev.tollgate.core.router;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Decides whether a failed call cools its deployment down, and starts the cooldown, as LiteLLM does.
 *
 * <ol>
 *   <li>Some errors never cool down: connection errors, and 4xx other than 429, 401, 404 and 408.
 *   <li>With a failure budget configured (the deployment's {@code allowed_fails}, the router's
 *       {@code allowed_fails_policy} entry for the error's kind, or the router's {@code allowed_fails}), failures are
 *       counted per deployment in a one-minute window (per kind when the policy names the kind, else all kinds
 *       together) and the deployment cools down once the count exceeds the budget. A policy that does not name the
 *       kind falls back to {@code allowed_fails}, else LiteLLM's default of {@value #DEFAULT_ALLOWED_FAILS}.
 *   <li>Without one (LiteLLM's v2 default): a 429 cools down when the group has another deployment; a status that is
 *       never worth retrying (401, 404) cools down at once; any other failure is counted for the minute, and the
 *       deployment cools down when at least {@value #MIN_CALLS} calls saw more than half fail (calls are the minute's
 *       admitted requests from {@link RouterState#usage}, or the failures when no requests were counted). A group's
 *       only deployment cools down on failure rate only when every one of at least {@value #SINGLE_DEPLOYMENT_CALLS}
 *       calls failed, so a lone deployment is not taken out by a short burst.
 * </ol>
 *
 * <p>The duration is the deployment's {@code cooldown_time}, else the router's; zero, or
 * {@code disable_cooldowns}, means no cooldown at all. A wildcard deployment ({@code model_name: openai/*}) never
 * cools down, as LiteLLM's provider-default deployments: it serves every model of a provider, and one model's 404 or
 * 429 must not take out all the others.
 */
final class CooldownPolicy {
  static final int DEFAULT_ALLOWED_FAILS = 3;
  static final int MIN_CALLS = 5;
  static final int SINGLE_DEPLOYMENT_CALLS = 1000;
  static final long WINDOW_MILLIS = 60_000;
  static final String ALL_KINDS = "*";

  private final RouterOptions options;
  private final RouterState state;
  private final LongSupplier clock;

  CooldownPolicy(RouterOptions options, RouterState state, LongSupplier clock) {
    this.options = options;
    this.state = state;
    this.clock = clock;
  }

  /**
   * Applies the policy to one failed call.
   *
   * @param groupSize deployments in the failing call's group
   * @return whether a cooldown was started; never fails
   */
  CompletionStage<Boolean> afterFailure(int groupSize, Deployment deployment, ErrorKind kind, int status) {
    Duration duration = duration(deployment);
    if (duration == null || deployment.isWildcard() || !coolable(kind, status)) {
      return CompletableFuture.completedFuture(false);
    }
    String id = deployment.id();
    String reason = status + " " + kind.litellmName();
    Budget budget = budget(deployment, kind);
    if (budget != null) {
      return state.recordFailure(id, budget.counter, WINDOW_MILLIS)
          .thenApply(count -> count > budget.allowed && cool(id, duration, reason))
          .exceptionally(e -> false);
    }
    if (status == 429) {
      return CompletableFuture.completedFuture(groupSize > 1 && cool(id, duration, reason));
    }
    if (status == 401 || status == 404) {
      return CompletableFuture.completedFuture(cool(id, duration, reason));
    }
    return state.recordFailure(id, ALL_KINDS, WINDOW_MILLIS)
        .thenApply(failures -> {
          long calls = Math.max(failures, state.usage(id).requests());
          boolean trip = groupSize > 1
              ? calls >= MIN_CALLS && failures * 2 > calls
              : calls >= SINGLE_DEPLOYMENT_CALLS && failures >= calls;
          return trip && cool(id, duration, reason);
        })
        .exceptionally(e -> false);
  }

  /** Whether an error of this kind and status can cool a deployment down at all. */
  static boolean coolable(ErrorKind kind, int status) {
    if (kind == ErrorKind.API_CONNECTION) {
      return false;
    }
    if (status >= 400 && status < 500) {
      return status == 429 || status == 401 || status == 404 || status == 408;
    }
    return true;
  }

  /** The cooldown length for this deployment; null when cooldowns are off for it. */
  private Duration duration(Deployment deployment) {
    if (options.disableCooldowns()) {
      return null;
    }
    Duration d = deployment.routing().cooldownTime() != null
        ? deployment.routing().cooldownTime() : options.cooldownTime();
    return d == null || d.isZero() || d.isNegative() ? null : d;
  }

  private Budget budget(Deployment deployment, ErrorKind kind) {
    if (deployment.routing().allowedFails() != null) {
      return new Budget(ALL_KINDS, deployment.routing().allowedFails());
    }
    Integer byKind = options.allowedFailsPolicy().get(kind.allowedFailsKey());
    if (byKind != null) {
      return new Budget(kind.litellmName(), byKind);
    }
    if (options.allowedFails() != null) {
      return new Budget(ALL_KINDS, options.allowedFails());
    }
    if (!options.allowedFailsPolicy().isEmpty()) {
      return new Budget(ALL_KINDS, DEFAULT_ALLOWED_FAILS);
    }
    return null;
  }

  private boolean cool(String id, Duration duration, String reason) {
    state.startCooldown(id, clock.getAsLong() + duration.toMillis(), reason);
    return true;
  }

  private record Budget(String counter, long allowed) {}
}
