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

class SimpleShuffleTest {
  private final StrategyTestSupport t = new StrategyTestSupport();
  private final StrategySelector selector = t.selector(RoutingStrategyName.SIMPLE_SHUFFLE);

  @Test
  void weightsSplitTrafficInProportion() {
    var g = group(deployment("a", routing().weight(1)), deployment("b", routing().weight(3)));
    Map<String, Integer> counts = pickCounts(selector, g, request(), 10_000, () -> {});
    assertThat(share(counts, "a")).isCloseTo(0.25, within(0.015));
    assertThat(share(counts, "b")).isCloseTo(0.75, within(0.015));
  }

  @Test
  void withoutWeightsRpmSplitsTraffic() {
    var g = group(deployment("a", routing().rpm(100)), deployment("b", routing().rpm(300)));
    // a new minute after each pick: the rpm limits themselves never bind here
    Map<String, Integer> counts = pickCounts(selector, g, request(), 10_000, () -> t.clock.advance(60_000));
    assertThat(share(counts, "a")).isCloseTo(0.25, within(0.015));
  }

  @Test
  void withoutWeightsOrRpmTpmSplitsTraffic() {
    var g = group(deployment("a", routing().tpm(30_000)), deployment("b", routing().tpm(10_000)));
    Map<String, Integer> counts = pickCounts(selector, g, request(), 10_000, () -> {});
    assertThat(share(counts, "b")).isCloseTo(0.25, within(0.015));
  }

  @Test
  void withNothingToWeighThePickIsUniform() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    Map<String, Integer> counts = pickCounts(selector, g, request(), 9_000, () -> {});
    for (String id : new String[] {"a", "b", "c"}) {
      assertThat(share(counts, id)).isCloseTo(1 / 3.0, within(0.02));
    }
  }

  @Test
  void theFirstCandidateDecidesWhatIsWeighed() {
    // a has no weight: weights are not used, and neither rpm nor tpm is set, so the pick is uniform
    var g = group(deployment("a", routing()), deployment("b", routing().weight(9)));
    Map<String, Integer> counts = pickCounts(selector, g, request(), 10_000, () -> {});
    assertThat(share(counts, "a")).isCloseTo(0.5, within(0.02));
  }

  @Test
  void aZeroWeightIsNeverPickedWhileOthersWeighMore() {
    var g = group(deployment("a", routing().weight(2)), deployment("b", routing().weight(0)));
    assertThat(pickCounts(selector, g, request(), 2_000, () -> {})).containsOnlyKeys("a");
  }
}
