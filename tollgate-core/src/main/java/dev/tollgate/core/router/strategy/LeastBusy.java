package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/** {@code least-busy}: the candidate with the fewest calls in flight ({@link RouterState#inFlight}); ties at random. */
public final class LeastBusy implements RoutingStrategy {

  @Override
  public int choose(Candidates c, RouterState state, RouteRequest request, RandomGenerator random) {
    int n = c.size();
    if (n == 1) {
      return 0;
    }
    double[] busy = c.scratch();
    for (int i = 0; i < n; i++) {
      busy[i] = c.inFlight(i);
    }
    return Ties.pickAtMost(busy, n, Ties.min(busy, n), random);
  }
}
