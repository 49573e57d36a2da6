package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouterState;
import java.util.random.RandomGenerator;

/**
 * {@code simple-shuffle}, LiteLLM's default: a random pick weighted by {@code weight} when the first candidate has one,
 * else by {@code rpm}, else by {@code tpm}, else uniform. Candidates without the chosen field weigh 0; when all weigh 0
 * the pick is uniform. Reads no shared state, so it is the cheapest strategy.
 */
public final class SimpleShuffle implements RoutingStrategy {

  @Override
  public int choose(Candidates c, RouterState state, RouteRequest request, RandomGenerator random) {
    int n = c.size();
    if (n == 1) {
      return 0;
    }
    double[] w = c.scratch();
    double total = 0;
    if (!Double.isNaN(c.weight(0))) {
      for (int i = 0; i < n; i++) {
        double v = c.weight(i);
        w[i] = v > 0 ? v : 0;
        total += w[i];
      }
    } else if (c.rpm(0) >= 0) {
      for (int i = 0; i < n; i++) {
        w[i] = Math.max(0, c.rpm(i));
        total += w[i];
      }
    } else if (c.tpm(0) >= 0) {
      for (int i = 0; i < n; i++) {
        w[i] = Math.max(0, c.tpm(i));
        total += w[i];
      }
    }
    if (!(total > 0)) {
      return random.nextInt(n);
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < n; i++) {
      r -= w[i];
      if (r < 0) {
        return i;
      }
    }
    for (int i = n - 1; i >= 0; i--) { // rounding left r at ~0: the last candidate with weight
      if (w[i] > 0) {
        return i;
      }
    }
    return n - 1;
  }
}
