package dev.tollgate.core.router.strategy;

import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static dev.tollgate.core.router.strategy.StrategyTestSupport.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastBusyTest {
  private final StrategyTestSupport t = new StrategyTestSupport();
  private final StrategySelector selector = t.selector(RoutingStrategyName.LEAST_BUSY);

  @Test
  void theDeploymentWithTheFewestCallsInFlightIsChosen() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    for (int i = 0; i < 3; i++) {
      t.state.callStarted("a");
    }
    t.state.callStarted("b");
    t.state.callStarted("c");
    t.state.callStarted("c");

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("b");
  }

  @Test
  void tiesAreBrokenAtRandom() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    t.state.callStarted("a");

    Map<String, Integer> counts = pickCounts(selector, g, request(), 4_000, () -> {});
    assertThat(counts).containsOnlyKeys("b", "c");
    assertThat(share(counts, "b")).isCloseTo(0.5, within(0.03));
  }
}
