package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

/**
 * PLACEHOLDER, replaced at merge by the selection helper's real implementation (strategies, tags, tiers, pre-call
 * checks). It exists only so that {@link Router} compiles and runs: it takes the group's deployments in config order,
 * skips those cooling down, prefers those not in {@code avoid}, and takes the first whose rpm/tpm slot
 * {@link RouterState#tryAcquire} grants.
 */
public final class StrategySelector implements DeploymentSelector {
  private final RouterState state;
  private final boolean preCallChecks;

  private StrategySelector(RouterOptions options, RouterState state) {
    this.state = state;
    this.preCallChecks = options.enablePreCallChecks();
  }

  /** The selector for {@code options.strategy()}; {@code costs} and {@code random} may be null (defaults). */
  public static StrategySelector of(
      RouterOptions options, RouterState state, CostCalculator costs, RandomGenerator random) {
    return new StrategySelector(options, state);
  }

  @Override
  public CompletionStage<ModelGroups.Pick> select(ModelGroups.Group group, RouteRequest request, Set<String> avoid) {
    long now = System.currentTimeMillis();
    List<Deployment> fresh = new ArrayList<>();
    List<Deployment> tried = new ArrayList<>();
    List<String> cooling = new ArrayList<>();
    long earliestEnd = Long.MAX_VALUE;
    for (Deployment d : group.deployments()) {
      long until = state.cooldownUntil(d.id());
      if (until > now) {
        cooling.add(d.id());
        earliestEnd = Math.min(earliestEnd, until);
      } else {
        (avoid.contains(d.id()) ? tried : fresh).add(d);
      }
    }
    fresh.addAll(tried);
    long waitMillis = earliestEnd == Long.MAX_VALUE ? 60_000 - now % 60_000 : earliestEnd - now;
    return acquireFirst(fresh, 0, group).thenCompose(pick -> pick != null
        ? CompletableFuture.completedFuture(pick)
        : CompletableFuture.failedFuture(noneAvailable(request.model(), cooling, waitMillis)));
  }

  private CompletionStage<ModelGroups.Pick> acquireFirst(List<Deployment> candidates, int i, ModelGroups.Group group) {
    if (i >= candidates.size()) {
      return CompletableFuture.completedFuture(null);
    }
    Deployment d = candidates.get(i);
    long rpm = d.routing().rpm() == null ? -1 : d.routing().rpm();
    long tpm = d.routing().tpm() == null ? -1 : d.routing().tpm();
    return state.tryAcquire(d.id(), rpm, tpm)
        .thenCompose(ok -> ok ? CompletableFuture.completedFuture(group.pick(d)) : acquireFirst(candidates, i + 1, group));
  }

  private RateLimitException noneAvailable(String model, List<String> cooling, long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    return new RateLimitException("No deployments available for selected model, Try again in " + seconds
        + " seconds. Passed model=" + model + ". pre-call-checks=" + preCallChecks + ", cooldown_list=" + cooling,
        null, model, Duration.ofSeconds(seconds));
  }
}
