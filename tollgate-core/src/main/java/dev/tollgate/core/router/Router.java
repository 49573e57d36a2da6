package dev.tollgate.core.router;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * LiteLLM's Router in Java: model groups with aliases, wildcards, tags and priority tiers; a routing strategy; retries
 * with back-off; cooldowns; fallbacks across groups; timeouts bounded by one deadline per request. The state it
 * decides on (cooldowns, per-minute use, in-flight calls, latency) lives behind {@link RouterState}, in memory or
 * shared through Redis.
 *
 * <p>Non-blocking: {@link #route} returns at once; attempts, back-off and state calls chain on the caller's
 * {@link Scheduler} and the stages the attempts return.
 */
public final class Router {
  // TODO(router-execution helper): implement.

  public Router(List<Deployment> deployments, RouterOptions options, RouterState state, Scheduler scheduler) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The model groups (after aliases are applied by {@link #resolve}). */
  public ModelGroups groups() {
    throw new UnsupportedOperationException("not yet");
  }

  public RouterOptions options() {
    throw new UnsupportedOperationException("not yet");
  }

  public RouterState state() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The group a requested name routes to: alias, exact name, then wildcard; empty when none. */
  public Optional<ModelGroups.Group> resolve(String model) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Routes one request: picks a deployment, calls {@code attempt}, and on failure cools the deployment down as the
   * policy says, retries (preferring another deployment of the group) and falls back to other groups, until one
   * attempt succeeds or the retries, fallbacks or the request's deadline are spent. Fails with the last attempt's
   * error (or a 429 {@code No deployments available ...} when nothing could be tried); a requested model no group
   * matches fails with {@code BadRequestException}.
   */
  public <T> CompletableFuture<Routed<T>> route(RouteRequest request, Attempt<T> attempt) {
    throw new UnsupportedOperationException("not yet");
  }
}
