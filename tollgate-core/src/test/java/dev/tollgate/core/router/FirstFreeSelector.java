package dev.tollgate.core.router;

import dev.tollgate.providers.error.RateLimitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * A predictable selector for router tests: the first deployment in config order that is not cooling down (by the
 * test's clock), preferring those the request has not tried; a 429 {@code No deployments available} when none is left.
 */
final class FirstFreeSelector implements DeploymentSelector {
  private final RouterState state;
  private final LongSupplier clock;

  FirstFreeSelector(RouterState state, LongSupplier clock) {
    this.state = state;
    this.clock = clock;
  }

  @Override
  public CompletionStage<ModelGroups.Pick> select(ModelGroups.Group group, RouteRequest request, Set<String> avoid) {
    long now = clock.getAsLong();
    List<String> cooling = new ArrayList<>();
    Deployment fallback = null;
    for (Deployment d : group.deployments()) {
      if (state.cooldownUntil(d.id()) > now) {
        cooling.add(d.id());
      } else if (!avoid.contains(d.id())) {
        return CompletableFuture.completedFuture(group.pick(d));
      } else if (fallback == null) {
        fallback = d;
      }
    }
    if (fallback != null) {
      return CompletableFuture.completedFuture(group.pick(fallback));
    }
    return CompletableFuture.failedFuture(new RateLimitException("No deployments available for selected model, Try"
        + " again in 5 seconds. Passed model=" + request.model() + ". pre-call-checks=false, cooldown_list="
        + cooling, null, request.model(), null));
  }
}
