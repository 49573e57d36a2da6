package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.core.router.strategy.RoutingStrategies;
import dev.tollgate.core.router.strategy.RoutingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The {@link DeploymentSelector} of LiteLLM's router, in LiteLLM's order: drop deployments cooling down; keep those
 * carrying the request's tags (tag filtering); drop those whose context window is smaller than the prompt (pre-call
 * checks); take the lowest {@code order} tier; drop deployments at their rpm/tpm/parallel limit by this process's view;
 * prefer deployments the request has not tried; let the {@link RoutingStrategy} choose; and take the chosen one's
 * slot with {@link RouterState#tryAcquire}, choosing again among the rest when it is refused. When a tier has nothing
 * left the next tier is tried; when nothing is left at all the selection fails with LiteLLM's 429
 * {@code No deployments available ...}.
 *
 * <p>Tags and context windows are checked over the whole group before cooldowns, so that their errors (401, context
 * window exceeded) describe the configuration, not which deployments happen to be cooling down; the deployments left
 * are the same as in LiteLLM's order.
 *
 * <p>Built for the request path: a group's deployments are unpacked once into arrays ({@link GroupPlan}), each thread
 * reuses its working arrays, and with {@link InMemoryRouterState} a selection completes synchronously, allocating only
 * the pick and its future.
 */
public final class StrategySelector implements DeploymentSelector {
  private final RouterOptions options;
  private final RouterState state;
  private final InMemoryRouterState memory;
  private final RoutingStrategy strategy;
  private final RandomGenerator random;
  private final LongSupplier clock;
  private final GroupPlans plans;
  private final ThreadLocal<Selection> selections = ThreadLocal.withInitial(this::newSelection);

  private StrategySelector(RouterOptions options, RouterState state, CostCalculator costs, RandomGenerator random,
      LongSupplier clock) {
    this.options = options == null ? RouterOptions.defaults() : options;
    this.state = state;
    this.memory = state instanceof InMemoryRouterState m ? m : null;
    this.strategy = RoutingStrategies.of(this.options);
    this.random = random;
    this.clock = clock == null ? System::currentTimeMillis : clock;
    this.plans = new GroupPlans(costs == null ? CostCalculator.builtIn() : costs, memory);
  }

  private Selection newSelection() {
    return new Selection(state);
  }

  /**
   * @param costs prices for cost-based routing and context windows; null: {@link CostCalculator#builtIn()}
   * @param random randomness for weighted picks and tie-breaks; null: {@link ThreadLocalRandom} (thread-safe). A given
   *     generator is used as is, so it must be thread-safe unless one thread selects (as in tests with a seed)
   */
  public static StrategySelector of(RouterOptions options, RouterState state, CostCalculator costs,
      RandomGenerator random) {
    return of(options, state, costs, random, System::currentTimeMillis);
  }

  /** As {@link #of(RouterOptions, RouterState, CostCalculator, RandomGenerator)} with a clock (epoch millis) for tests. */
  public static StrategySelector of(RouterOptions options, RouterState state, CostCalculator costs,
      RandomGenerator random, LongSupplier clock) {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    return new StrategySelector(options, state, costs, random, clock);
  }

  @Override
  public CompletionStage<ModelGroups.Pick> select(ModelGroups.Group group, RouteRequest request, Set<String> avoid) {
    Selection s = selections.get();
    if (s.inUse) { // a state's callback selecting again on this thread: work on a fresh copy
      s = newSelection();
    }
    s.inUse = true;
    try {
      s.begin(plans.of(group.deployments()), group, request, avoid == null ? Set.of() : avoid, clock.getAsLong());
      RuntimeException refused = filter(s);
      return refused != null ? CompletableFuture.failedFuture(refused) : choose(s);
    } catch (RuntimeException e) { // a prompt counter or a state that throws: the stage fails, the caller does not
      return CompletableFuture.failedFuture(e);
    } finally {
      s.end();
    }
  }

  /**
   * Tags, context window, cooldowns and the avoid list: fills {@code work} (and {@code avoided}). Returns the error
   * when tags or the context window exclude every deployment.
   */
  private RuntimeException filter(Selection s) {
    GroupPlan p = s.plan;
    int[] pool = s.work;
    int count = 0;
    List<String> tags = s.request.tags();
    if (options.enableTagFiltering() && !tags.isEmpty()) {
      boolean any = options.tagFilteringMatchAny();
      for (int i = 0; i < p.size; i++) {
        if (p.tagsMatch(i, tags, any)) {
          pool[count++] = i;
        }
      }
      if (count == 0) {
        return SelectionErrors.tagsNotAllowed(s.request.model(), tags);
      }
    } else if (options.enableTagFiltering() && p.defaultPool.length > 0) {
      count = p.defaultPool.length;
      System.arraycopy(p.defaultPool, 0, pool, 0, count);
    } else {
      for (int i = 0; i < p.size; i++) {
        pool[i] = i;
      }
      count = p.size;
    }
    if (options.enablePreCallChecks() && count > 0) {
      long prompt = s.promptTokens();
      String match = s.group.wildcardMatch();
      int kept = 0;
      for (int k = 0; k < count; k++) {
        long window = p.contextWindow(pool[k], match);
        if (window < 0 || window >= prompt) {
          pool[kept++] = pool[k];
        }
      }
      if (kept == 0) {
        return SelectionErrors.contextWindowExceeded(s.request.model(), prompt);
      }
      count = kept;
    }
    boolean avoiding = !s.avoid.isEmpty();
    long now = s.now;
    boolean cooldowns = state.latestCooldownEnd() > now;
    if (!cooldowns && !avoiding) {
      s.workCount = count;
      return null;
    }
    int kept = 0;
    for (int k = 0; k < count; k++) {
      int i = pool[k];
      String id = p.ids[i];
      long until = cooldowns ? s.cooldownUntil(i) : 0;
      if (until > now) {
        s.cooling[s.coolingCount++] = i;
        s.earliestCooldownEnd = Math.min(s.earliestCooldownEnd, until);
      } else if (avoiding && s.avoid.contains(id)) {
        s.avoided[s.avoidedCount++] = i;
      } else {
        pool[kept++] = i;
      }
    }
    s.workCount = kept;
    return null;
  }

  /** Lets the strategy choose within the lowest tier left and takes the slot, until one is admitted or none is left. */
  private CompletionStage<ModelGroups.Pick> choose(Selection s) {
    GroupPlan p = s.plan;
    while (true) {
      if (s.tierCount == 0 && !nextTier(s)) {
        return CompletableFuture.failedFuture(noDeployments(s));
      }
      int pos = strategy.choose(s, state, s.request, random != null ? random : ThreadLocalRandom.current());
      int i = s.tier[pos];
      boolean admitted;
      if (memory != null) {
        admitted = memory.acquire(p.counters[i], p.rpm[i], p.tpm[i]);
      } else {
        CompletableFuture<Boolean> slot = state.tryAcquire(p.ids[i], p.rpm[i], p.tpm[i]).toCompletableFuture();
        if (!slot.isDone()) {
          Selection later = s.detach();
          return slot.handle((ok, error) -> error != null || Boolean.TRUE.equals(ok))
              .thenCompose(ok -> ok ? CompletableFuture.completedFuture(later.group.pick(p.deployments[i]))
                  : resume(later, pos));
        }
        // a state whose store fails breaks the contract; admitting (fail open) beats failing every request
        admitted = slot.isCompletedExceptionally() || Boolean.TRUE.equals(slot.getNow(Boolean.TRUE));
      }
      if (admitted) {
        return CompletableFuture.completedFuture(s.group.pick(p.deployments[i]));
      }
      s.removeFromTier(pos);
      s.limited = true;
    }
  }

  private CompletionStage<ModelGroups.Pick> resume(Selection s, int refusedPos) {
    s.removeFromTier(refusedPos);
    s.limited = true;
    return choose(s);
  }

  /**
   * Moves the lowest {@code order} tier left into {@code tier}, without the deployments at their limit; after the
   * last tier of the first pass, the avoided deployments make the second pass. False when nothing is left.
   */
  private boolean nextTier(Selection s) {
    GroupPlan p = s.plan;
    while (true) {
      if (s.workCount == 0) {
        if (s.pass != 0 || s.avoidedCount == 0) {
          return false;
        }
        s.pass = 1;
        int[] t = s.work;
        s.work = s.avoided;
        s.avoided = t;
        s.workCount = s.avoidedCount;
        s.avoidedCount = 0;
      }
      if (p.oneTier) {
        int[] t = s.tier;
        s.tier = s.work;
        s.work = t;
        s.tierCount = s.workCount;
        s.workCount = 0;
      } else {
        long lowest = GroupPlan.NO_ORDER;
        for (int k = 0; k < s.workCount; k++) {
          lowest = Math.min(lowest, p.order[s.work[k]]);
        }
        int rest = 0;
        s.tierCount = 0;
        for (int k = 0; k < s.workCount; k++) {
          int i = s.work[k];
          if (p.order[i] == lowest) {
            s.tier[s.tierCount++] = i;
          } else {
            s.work[rest++] = i;
          }
        }
        s.workCount = rest;
      }
      if (p.anyLimit) {
        dropLimited(s);
      }
      if (s.tierCount > 0) {
        return true;
      }
    }
  }

  /** Drops the tier's deployments that are at their limit this minute by the local view. */
  private void dropLimited(Selection s) {
    GroupPlan p = s.plan;
    int kept = 0;
    for (int k = 0; k < s.tierCount; k++) {
      int i = s.tier[k];
      if (atLimit(s, p, i)) {
        s.limited = true;
      } else {
        s.tier[kept++] = i;
      }
    }
    s.tierCount = kept;
  }

  private boolean atLimit(Selection s, GroupPlan p, int i) {
    long rpm = p.rpm[i];
    long tpm = p.tpm[i];
    if (rpm >= 0 && s.requestsOf(i) >= rpm) {
      return true;
    }
    if (tpm >= 0 && s.tokensOf(i) + s.promptTokens() > tpm) {
      return true;
    }
    long parallel = p.maxParallel[i];
    return parallel >= 0 && s.inFlightOf(i) >= parallel;
  }

  private RuntimeException noDeployments(Selection s) {
    long now = s.now;
    long untilMinuteEnds = 60_000 - Math.floorMod(now, 60_000L);
    long waitMillis;
    if (s.coolingCount == 0) {
      waitMillis = untilMinuteEnds;
    } else {
      waitMillis = s.earliestCooldownEnd - now;
      if (s.limited) {
        waitMillis = Math.min(waitMillis, untilMinuteEnds);
      }
    }
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    List<String> cooling = new ArrayList<>(s.coolingCount);
    for (int k = 0; k < s.coolingCount; k++) {
      cooling.add(s.plan.ids[s.cooling[k]]);
    }
    return SelectionErrors.noDeployments(s.request.model(), seconds, options.enablePreCallChecks(), cooling);
  }
}
