package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/**
 * {@code latency-based-routing}: the candidate with the lowest rolling average latency (milliseconds per completion
 * token for whole calls, time to first token for streams). A deployment without samples counts as 0, so that new
 * deployments get tried. With {@code lowest_latency_buffer} b, the pick is random among the candidates within
 * {@code lowest × (1 + b)}.
 */
public final class LowestLatency implements RoutingStrategy {
  private final double buffer;

  public LowestLatency(double buffer) {
    this.buffer = Math.max(0, buffer);
  }

  @Override
  public int choose(Candidates c, RouterState state, RouteRequest request, RandomGenerator random) {
    int n = c.size();
    if (n == 1) {
      return 0;
    }
    double[] latency = c.scratch();
    boolean stream = request.stream();
    for (int i = 0; i < n; i++) {
      RouterState.LatencyStats s = state.latency(c.id(i));
      double v = stream ? s.timeToFirstToken() : s.perToken();
      latency[i] = Double.isNaN(v) ? 0 : v;
    }
    double lowest = Ties.min(latency, n);
    return Ties.pickAtMost(latency, n, lowest * (1 + buffer), random);
  }
}
