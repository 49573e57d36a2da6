package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterFixtures;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import java.util.Map;
import java.util.SplittableRandom;

/** A selector with a seeded random, an in-memory state and a clock, for one strategy's tests. */
final class StrategyTestSupport {
  final RouterFixtures.Clock clock = new RouterFixtures.Clock(RouterFixtures.T0);
  final InMemoryRouterState state = new InMemoryRouterState(clock);

  StrategySelector selector(RoutingStrategyName strategy) {
    return selector(RouterOptions.builder().strategy(strategy).build());
  }

  StrategySelector selector(RouterOptions options) {
    return StrategySelector.of(options, state, RouterFixtures.testPrices(), new SplittableRandom(2026), clock);
  }

  /** The share of {@code id} in {@code counts}. */
  static double share(Map<String, Integer> counts, String id) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return counts.getOrDefault(id, 0) / (double) total;
  }
}
