package dev.tollgate.core.router.strategy;

import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.core.router.StrategySelector;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.spi.CallTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prices come from {@code src/test/resources/router/prices.json}. */
class LowestCostTest {
  private final StrategyTestSupport t = new StrategyTestSupport();
  private final StrategySelector selector = t.selector(RoutingStrategyName.COST_BASED);

  private static Deployment withOwnPrice(String id, String model, double in, double out) {
    Deployment d = deployment(id, model, routing());
    return new Deployment(d.modelName(), d.id(), d.litellmModel(), null, d.template(), ModelPrice.perToken(in, out),
        null, d.routing());
  }

  @Test
  void theCheapestDeploymentByThePriceTableIsChosen() {
    var g = group(deployment("pricey", "openai/pricey-model", routing()),
        deployment("cheap", "openai/cheap-model", routing()),
        deployment("groq", "groq/small-model", routing()));

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("groq");
  }

  @Test
  void aDeploymentsOwnPriceWinsOverTheTable() {
    var g = group(deployment("cheap", "openai/cheap-model", routing()),
        withOwnPrice("discounted", "openai/pricey-model", 1e-8, 1e-8));

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("discounted");
  }

  @Test
  void anUnknownModelCostsOneDollarAndLosesToAnyPricedOne() {
    var g = group(deployment("unknown", "openai/not-in-the-table", routing()),
        deployment("pricey", "openai/pricey-model", routing()));

    assertThat(pickCounts(selector, g, request(), 100, () -> {})).containsOnlyKeys("pricey");
  }

  @Test
  void equalPricesAreTiesBrokenAtRandom() {
    var g = group(deployment("one", "openai/cheap-model", routing()),
        deployment("two", "openai/cheap-model", routing()));

    assertThat(pickCounts(selector, g, request(), 400, () -> {})).containsOnlyKeys("one", "two");
  }

  @Test
  void wildcardDeploymentsArePricedByTheModelTheRequestNamed() {
    var openai = new Deployment("*", "openai-any", "openai/*", null, CallTarget.of(null, null));
    var groq = new Deployment("*", "groq-any", "groq/*", null, CallTarget.of(null, null));
    var wildcardGroup = new ModelGroups(List.of(openai, groq)).resolve("small-model").orElseThrow();
    // groq/small-model is in the table; openai/small-model is not and costs $1
    assertThat(pickCounts(selector, wildcardGroup, request(), 100, () -> {})).containsOnlyKeys("groq-any");

    var pricedByBoth = new ModelGroups(List.of(openai, groq)).resolve("pricey-model").orElseThrow();
    // openai/pricey-model is priced; groq/pricey-model is not
    assertThat(pickCounts(selector, pricedByBoth, request(), 100, () -> {})).containsOnlyKeys("openai-any");
  }
}
