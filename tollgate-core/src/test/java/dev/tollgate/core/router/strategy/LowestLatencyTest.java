package dev.tollgate.core.router.strategy;

import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static dev.tollgate.core.router.strategy.StrategyTestSupport.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LowestLatencyTest {
  private final StrategyTestSupport t = new StrategyTestSupport();
  private final StrategySelector selector = t.selector(RoutingStrategyName.LATENCY_BASED);
  private final StrategySelector buffered = t.selector(
      RouterOptions.builder().strategy(RoutingStrategyName.LATENCY_BASED).lowestLatencyBuffer(0.5).build());

  private void samples(String id, double perToken, double timeToFirstToken) {
    for (int i = 0; i < 3; i++) {
      t.state.recordLatency(id, perToken, false);
      t.state.recordLatency(id, timeToFirstToken, true);
    }
  }

  @Test
  void theLowestAverageLatencyPerTokenWins() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    samples("a", 20, 100);
    samples("b", 8, 900);
    samples("c", 30, 50);

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("b");
  }

  @Test
  void streamsAreRoutedByTimeToFirstToken() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    samples("a", 20, 100);
    samples("b", 8, 900);
    samples("c", 30, 50);

    assertThat(pickCounts(selector, g, request(List.of(), 0, true), 100, () -> {})).containsOnlyKeys("c");
  }

  @Test
  void aDeploymentWithoutSamplesIsTriedFirst() {
    var g = group(deployment("a", routing()), deployment("new", routing()));
    samples("a", 1, 1);

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("new");
  }

  @Test
  void theBufferSpreadsTrafficOverDeploymentsCloseToTheLowest() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    samples("a", 10, 10);
    samples("b", 14, 14); // within 10 × 1.5
    samples("c", 16, 16); // not

    Map<String, Integer> counts = pickCounts(buffered, g, request(), 4_000, () -> {});
    assertThat(counts).containsOnlyKeys("a", "b");
    assertThat(share(counts, "a")).isCloseTo(0.5, within(0.03));
  }
}
