package dev.tollgate.core.router;

import dev.tollgate.providers.error.BadRequestException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * LiteLLM's Router in Java: model groups with aliases, wildcards, tags and priority tiers; a routing strategy; retries
 * with back-off; cooldowns; fallbacks across groups; timeouts bounded by one deadline per request. The state it
 * decides on (cooldowns, per-minute use, in-flight calls, latency) lives behind {@link RouterState}, in memory or
 * shared through Redis.
 *
 * <p>Non-blocking: {@link #route} returns at once; attempts, back-off and state calls chain on the caller's
 * {@link Scheduler} and the stages the attempts return.
 *
 * <p>The policies live in their own classes: {@link RetryPolicy} (how many retries, which errors),
 * {@link CooldownPolicy} (when a deployment is taken out), {@link Backoff} (how long to wait), {@link FallbackPlan}
 * (which groups next); {@link RoutedCall} runs one request through them.
 */
public final class Router {
  private final ModelGroups groups;
  private final RouterOptions options;
  private final RouterState state;
  private final Scheduler scheduler;
  private final DeploymentSelector selector;
  private final LongSupplier clock;
  private final RetryPolicy retries;
  private final CooldownPolicy cooldowns;
  private final Backoff backoff;
  private final Set<String> exactNames;
  private final Map<String, Deployment> byId;

  public Router(List<Deployment> deployments, RouterOptions options, RouterState state, Scheduler scheduler) {
    this(deployments, options, state, scheduler, StrategySelector.of(options, state, null, null),
        System::currentTimeMillis, null);
  }

  /**
   * A router with its own deployment selector and clock (tests, or a caller with its own strategy).
   *
   * @param clock epoch millis, the same clock {@code state} uses
   * @param random jitter for back-off; null: a thread-local random
   */
  public Router(List<Deployment> deployments, RouterOptions options, RouterState state, Scheduler scheduler,
      DeploymentSelector selector, LongSupplier clock, RandomGenerator random) {
    this.groups = new ModelGroups(deployments);
    this.options = options;
    this.state = state;
    this.scheduler = scheduler;
    this.selector = selector;
    this.clock = clock;
    this.retries = new RetryPolicy(options);
    this.cooldowns = new CooldownPolicy(options, state, clock);
    this.backoff = new Backoff(options.retryAfter(), random != null ? random : new ThreadLocalJitter());
    Set<String> names = new HashSet<>();
    Map<String, Deployment> ids = new HashMap<>();
    for (Deployment d : deployments) {
      if (!d.isWildcard()) {
        names.add(d.modelName());
      }
      if (d.id() != null) {
        ids.putIfAbsent(d.id(), d);
      }
    }
    this.exactNames = Set.copyOf(names);
    this.byId = Map.copyOf(ids);
  }

  /** The model groups (after aliases are applied by {@link #resolve}). */
  public ModelGroups groups() {
    return groups;
  }

  public RouterOptions options() {
    return options;
  }

  public RouterState state() {
    return state;
  }

  /** The group a requested name routes to: alias, exact name, then wildcard; empty when none. */
  public Optional<ModelGroups.Group> resolve(String model) {
    if (model == null) {
      return Optional.empty();
    }
    String aliased = options.modelGroupAlias().get(model);
    return groups.resolve(aliased != null ? aliased : model);
  }

  /**
   * Routes one request: picks a deployment, calls {@code attempt}, and on failure cools the deployment down as the
   * policy says, retries (preferring another deployment of the group) and falls back to other groups, until one
   * attempt succeeds or the retries, fallbacks or the request's deadline are spent. Fails with the last attempt's
   * error (or a 429 {@code No deployments available ...} when nothing could be tried); a requested model no group
   * matches fails with {@code BadRequestException}.
   */
  public <T> CompletableFuture<Routed<T>> route(RouteRequest request, Attempt<T> attempt) {
    Optional<ModelGroups.Group> group = resolve(request.model());
    if (group.isEmpty()) {
      return CompletableFuture.failedFuture(new BadRequestException("Invalid model name passed in model="
          + request.model() + ". Call /v1/models to view available models for your key.", null, request.model()));
    }
    try {
      return new RoutedCall<>(this, request, attempt).start(RouteTarget.of(group.get()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * A fallback entry: an alias or exact group name, else a deployment id (called directly), else a wildcard group;
   * null when it names nothing.
   */
  RouteTarget fallbackTarget(String entry, String requestedModel) {
    if (options.modelGroupAlias().containsKey(entry) || exactNames.contains(entry)) {
      return resolve(entry).map(RouteTarget::of).orElse(null);
    }
    Deployment d = byId.get(entry);
    if (d != null) {
      return RouteTarget.direct(new ModelGroups.Pick(d, d.isWildcard() ? requestedModel : d.modelName()));
    }
    return resolve(entry).map(RouteTarget::of).orElse(null);
  }

  long now() {
    return clock.getAsLong();
  }

  LongSupplier clock() {
    return clock;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  DeploymentSelector selector() {
    return selector;
  }

  RetryPolicy retries() {
    return retries;
  }

  CooldownPolicy cooldowns() {
    return cooldowns;
  }

  Backoff backoff() {
    return backoff;
  }

  /** Jitter from the calling thread's random, so a shared router needs no lock for it. */
  private static final class ThreadLocalJitter implements RandomGenerator {
    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public double nextDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }
}
