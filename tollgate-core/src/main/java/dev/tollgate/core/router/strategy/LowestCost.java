package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/**
 * {@code cost-based-routing}: the candidate with the lowest input plus output price per token (its own
 * {@code model_info} prices, else the price table; an unknown price counts as $1); ties at random.
 */
public final class LowestCost implements RoutingStrategy {

  @Override
  public int choose(Candidates c, RouterState state, RouteRequest request, RandomGenerator random) {
    int n = c.size();
    if (n == 1) {
      return 0;
    }
    double[] cost = c.scratch();
    for (int i = 0; i < n; i++) {
      cost[i] = c.costPerToken(i);
    }
    return Ties.pickAtMost(cost, n, Ties.min(cost, n), random);
  }
}
