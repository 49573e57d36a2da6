package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/**
 * {@code usage-based-routing-v2}: the candidate that used the fewest tokens in the current minute
 * ({@link RouterState#usage}); ties at random. Candidates over their rpm/tpm were already dropped by the selector.
 */
public final class LowestUsage implements RoutingStrategy {

  @Override
  public int choose(Candidates c, RouterState state, RouteRequest request, RandomGenerator random) {
    int n = c.size();
    if (n == 1) {
      return 0;
    }
    double[] tokens = c.scratch();
    for (int i = 0; i < n; i++) {
      tokens[i] = c.minuteTokens(i);
    }
    return Ties.pickAtMost(tokens, n, Ties.min(tokens, n), random);
  }
}
