package dev.tollgate.core.router.strategy;

import static dev.tollgate.core.router.RouterFixtures.MINUTE_START;
import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pick;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static dev.tollgate.core.router.strategy.StrategyTestSupport.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LowestUsageTest {
  private final StrategyTestSupport t = new StrategyTestSupport();
  private final StrategySelector selector = t.selector(RoutingStrategyName.USAGE_BASED_V2);

  @Test
  void theDeploymentWithTheFewestTokensThisMinuteIsChosenTiesAtRandom() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    t.state.addTokens("a", 500);
    t.state.addTokens("b", 100);
    t.state.addTokens("c", 100);

    Map<String, Integer> counts = pickCounts(selector, g, request(), 4_000, () -> {});
    assertThat(counts).containsOnlyKeys("b", "c");
    assertThat(share(counts, "b")).isCloseTo(0.5, within(0.03));

    t.state.addTokens("b", 1);
    assertThat(pick(selector, g, request(), Set.of())).isEqualTo("c");
  }

  @Test
  void lastMinutesTokensDoNotCount() {
    var g = group(deployment("a", routing()), deployment("b", routing()));
    t.state.addTokens("a", 10);
    t.clock.set(MINUTE_START + 60_000);
    t.state.addTokens("b", 5);

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("a");
  }

  @Test
  void aDeploymentAtItsRpmIsNotChosenEvenWithTheFewestTokens() {
    var g = group(deployment("a", routing().rpm(2)), deployment("b", routing().rpm(100)));
    t.state.addTokens("b", 1_000);

    assertThat(pick(selector, g, request(), Set.of())).isEqualTo("a");
    assertThat(pick(selector, g, request(), Set.of())).isEqualTo("a");
    assertThat(pick(selector, g, request(), Set.of())).isEqualTo("b");
  }
}
