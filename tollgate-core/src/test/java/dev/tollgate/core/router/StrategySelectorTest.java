package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixtures.T0;
import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pick;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.RateLimitException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The filters of a selection: cooldowns, tags, context windows, order tiers and the avoid list. */
class StrategySelectorTest {
  private final RouterFixtures.Clock clock = new RouterFixtures.Clock(T0);
  private final InMemoryRouterState state = new InMemoryRouterState(clock);

  private StrategySelector selector(RouterOptions options) {
    return StrategySelector.of(options, state, RouterFixtures.testPrices(), new SplittableRandom(7), clock);
  }

  private StrategySelector selector() {
    return selector(RouterOptions.defaults());
  }

  @Test
  void deploymentsCoolingDownAreSkippedUntilTheirCooldownEnds() {
    var g = group(deployment("a", routing()), deployment("b", routing()));
    state.startCooldown("a", T0 + 5_000, "429 RateLimitError");
    StrategySelector s = selector();

    assertThat(pickCounts(s, g, request(), 200, () -> {})).containsOnlyKeys("b");
    clock.advance(5_000);
    assertThat(pickCounts(s, g, request(), 200, () -> {})).containsOnlyKeys("a", "b");
  }

  @Test
  void requestTagsKeepTheDeploymentsCarryingAnyOfThem() {
    var g = group(deployment("a", routing().tags("eu")), deployment("b", routing().tags("us")),
        deployment("c", routing().tags("eu", "paid")), deployment("d", routing()));
    StrategySelector s = selector(RouterOptions.builder().enableTagFiltering(true).build());

    assertThat(pickCounts(s, g, request(List.of("eu"), 0, false), 300, () -> {})).containsOnlyKeys("a", "c");
    assertThat(pickCounts(s, g, request(List.of("us", "paid"), 0, false), 300, () -> {}))
        .containsOnlyKeys("b", "c");
  }

  @Test
  void withMatchAllADeploymentMustCarryEveryRequestTag() {
    var g = group(deployment("a", routing().tags("eu")), deployment("c", routing().tags("eu", "paid")));
    StrategySelector s =
        selector(RouterOptions.builder().enableTagFiltering(true).tagFilteringMatchAny(false).build());

    assertThat(pickCounts(s, g, request(List.of("eu", "paid"), 0, false), 100, () -> {})).containsOnlyKeys("c");
  }

  @Test
  void untaggedRequestsGoToTheDefaultPoolOrElseToAll() {
    StrategySelector s = selector(RouterOptions.builder().enableTagFiltering(true).build());
    var withDefault = group(deployment("a", routing().tags("default")), deployment("b", routing().tags("paid")),
        deployment("c", routing()));
    assertThat(pickCounts(s, withDefault, request(), 200, () -> {})).containsOnlyKeys("a");

    var withoutDefault = group(deployment("b", routing().tags("paid")), deployment("c", routing()));
    assertThat(pickCounts(s, withoutDefault, request(), 200, () -> {})).containsOnlyKeys("b", "c");
  }

  @Test
  void tagsNoDeploymentCarriesFailWith401() {
    var g = group(deployment("a", routing().tags("eu")), deployment("b", routing()));
    StrategySelector s = selector(RouterOptions.builder().enableTagFiltering(true).build());

    assertThatThrownBy(() -> pick(s, g, request(List.of("asia"), 0, false), Set.of()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("Not allowed to access model due to tags configuration")
        .satisfies(e -> assertThat(((AuthenticationException) e).status()).isEqualTo(401));
  }

  @Test
  void tagsAreIgnoredWhenTagFilteringIsOff() {
    var g = group(deployment("a", routing().tags("eu")), deployment("b", routing()));
    assertThat(pickCounts(selector(), g, request(List.of("asia"), 0, false), 200, () -> {}))
        .containsOnlyKeys("a", "b");
  }

  @Test
  void theLowestOrderTierIsUsedWhileItHasADeploymentLeft() {
    var g = group(deployment("a", routing().order(1)), deployment("b", routing().order(1).rpm(1)),
        deployment("c", routing().order(2)), deployment("d", routing()));
    StrategySelector s = selector();

    // a new minute after each pick, so that b's rpm of 1 never keeps it out
    assertThat(pickCounts(s, g, request(), 200, () -> clock.advance(60_000))).containsOnlyKeys("a", "b");
    long now = clock.getAsLong();
    state.startCooldown("a", now + 30_000, "500");
    assertThat(pick(s, g, request(), Set.of())).isEqualTo("b"); // b's only request this minute
    assertThat(pick(s, g, request(), Set.of())).isEqualTo("c"); // a cooling, b at its rpm: tier 2
    state.startCooldown("c", now + 30_000, "500");
    assertThat(pick(s, g, request(), Set.of())).isEqualTo("d"); // no ordered deployment left: the unordered one
  }

  @Test
  void preCallChecksDropDeploymentsWhoseContextWindowIsTooSmall() {
    var g = group(deployment("small", routing().maxInputTokens(1_000)), deployment("big", routing()
        .maxInputTokens(100_000)), deployment("table", "openai/cheap-model", routing()));
    StrategySelector s = selector(RouterOptions.builder().enablePreCallChecks(true).build());

    assertThat(pickCounts(s, g, request(List.of(), 900, false), 300, () -> {}))
        .containsOnlyKeys("small", "big", "table");
    // cheap-model's 8,000-token window comes from the price table
    assertThat(pickCounts(s, g, request(List.of(), 5_000, false), 300, () -> {})).containsOnlyKeys("big", "table");
    assertThat(pickCounts(s, g, request(List.of(), 20_000, false), 100, () -> {})).containsOnlyKeys("big");
  }

  @Test
  void preCallChecksFailWithContextWindowExceededWhenNothingFits() {
    var g = group(deployment("small", routing().maxInputTokens(1_000)),
        deployment("table", "openai/cheap-model", routing()));
    StrategySelector s = selector(RouterOptions.builder().enablePreCallChecks(true).build());

    assertThatThrownBy(() -> pick(s, g, request(List.of(), 9_000, false), Set.of()))
        .isInstanceOf(ContextWindowExceededException.class);
    // without pre-call checks the window is not looked at
    assertThat(pick(selector(), g, request(List.of(), 9_000, false), Set.of())).isIn("small", "table");
  }

  @Test
  void deploymentsWithoutAKnownWindowAreNeverDropped() {
    var g = group(deployment("unknown", "openai/not-in-the-table", routing()));
    StrategySelector s = selector(RouterOptions.builder().enablePreCallChecks(true).build());
    assertThat(pick(s, g, request(List.of(), 10_000_000, false), Set.of())).isEqualTo("unknown");
  }

  @Test
  void deploymentsTheRequestTriedAreChosenOnlyWhenNothingElseIsLeft() {
    var g = group(deployment("a", routing()), deployment("b", routing()), deployment("c", routing()));
    StrategySelector s = selector();

    for (int i = 0; i < 100; i++) {
      assertThat(pick(s, g, request(), Set.of("a", "b"))).isEqualTo("c");
    }
    state.startCooldown("c", T0 + 1_000, "500");
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (int i = 0; i < 200; i++) {
      counts.merge(pick(s, g, request(), Set.of("a", "b")), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys("a", "b");
  }

  @Test
  void anotherTierIsPreferredToADeploymentAlreadyTried() {
    var g = group(deployment("first", routing().order(1)), deployment("second", routing().order(2)));
    StrategySelector s = selector();

    assertThat(pick(s, g, request(), Set.of())).isEqualTo("first");
    assertThat(pick(s, g, request(), Set.of("first"))).isEqualTo("second");
    assertThat(pick(s, g, request(), Set.of("first", "second"))).isEqualTo("first");
  }

  @Test
  void aGroupWhoseDeploymentsAllCoolFailsWith429() {
    var g = group(deployment("a", routing()));
    state.startCooldown("a", T0 + 2_000, "500");

    assertThatThrownBy(() -> pick(selector(), g, request(), Set.of()))
        .isInstanceOf(RateLimitException.class)
        .satisfies(e -> assertThat(((RateLimitException) e).status()).isEqualTo(429));
  }

  @Test
  void theRequestStillGetsAPickWhenTheAvoidSetIsNull() {
    var g = group(deployment("a", routing()));
    assertThat(selector().select(g, request(), null).toCompletableFuture().join().deployment().id())
        .isEqualTo("a");
  }

  @Test
  void aPromptCounterThatThrowsFailsTheStageInsteadOfThrowing() {
    var g = group(deployment("a", routing().maxInputTokens(10)));
    RouteRequest broken = new RouteRequest("g", List.of(), false, () -> {
      throw new IllegalStateException("cannot count");
    }, null, null, null, null, false, new RouteTrace());
    var stage = selector(RouterOptions.builder().enablePreCallChecks(true).build()).select(g, broken, Set.of())
        .toCompletableFuture();
    assertThat(stage).isCompletedExceptionally();
    assertThatThrownBy(stage::join).hasCauseInstanceOf(IllegalStateException.class);
  }
}
