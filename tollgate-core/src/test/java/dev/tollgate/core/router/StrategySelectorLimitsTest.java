package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixtures.MINUTE_START;
import static dev.tollgate.core.router.RouterFixtures.T0;
import static dev.tollgate.core.router.RouterFixtures.deployment;
import static dev.tollgate.core.router.RouterFixtures.group;
import static dev.tollgate.core.router.RouterFixtures.pick;
import static dev.tollgate.core.router.RouterFixtures.pickCounts;
import static dev.tollgate.core.router.RouterFixtures.request;
import static dev.tollgate.core.router.RouterFixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Rate limits, parallel limits, the atomic slot and the 429 a selection fails with when nothing is left. */
class StrategySelectorLimitsTest {
  private final RouterFixtures.Clock clock = new RouterFixtures.Clock(T0);
  private final InMemoryRouterState state = new InMemoryRouterState(clock);

  private StrategySelector selector(RouterState s, RouterOptions options) {
    return StrategySelector.of(options, s, null, new SplittableRandom(11), clock);
  }

  private StrategySelector selector() {
    return selector(state, RouterOptions.defaults());
  }

  private static RateLimitException rateLimit(Runnable selection) {
    try {
      selection.run();
    } catch (RateLimitException e) {
      return e;
    }
    throw new AssertionError("expected a RateLimitException");
  }

  @Test
  void rpmAdmitsTenRequestsAMinuteAndTheEleventhFailsUntilTheNextMinute() {
    var g = group(deployment("a", routing().rpm(10)));
    StrategySelector s = selector();
    for (int i = 0; i < 10; i++) {
      assertThat(pick(s, g, request(), Set.of())).isEqualTo("a");
    }

    RateLimitException e = rateLimit(() -> pick(s, g, request(), Set.of()));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).isEqualTo("No deployments available for selected model, Try again in 50 seconds."
        + " Passed model=g. pre-call-checks=False, cooldown_list=[]");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(50));

    clock.set(MINUTE_START + 60_000);
    assertThat(pick(s, g, request(), Set.of())).isEqualTo("a");
  }

  @Test
  void theRetryAfterIsTheEarliestCooldownEndRoundedUpAndTheListNamesTheCoolingDeployments() {
    var g = group(deployment("a", routing()), deployment("b", routing()));
    state.startCooldown("a", T0 + 3_200, "429 RateLimitError");
    state.startCooldown("b", T0 + 7_000, "500 InternalServerError");

    RateLimitException e = rateLimit(
        () -> pick(selector(state, RouterOptions.builder().enablePreCallChecks(true).build()), g, request(),
            Set.of()));
    assertThat(e.getMessage()).isEqualTo("No deployments available for selected model, Try again in 4 seconds."
        + " Passed model=g. pre-call-checks=True, cooldown_list=['a', 'b']");
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
  }

  @Test
  void withBothCooldownsAndLimitsTheWaitIsWhicheverEndsFirst() {
    var g = group(deployment("cooling", routing()), deployment("limited", routing().rpm(0)));
    state.startCooldown("cooling", T0 + 70_000, "500");
    assertThat(rateLimit(() -> pick(selector(), g, request(), Set.of())).retryAfter())
        .contains(Duration.ofSeconds(50)); // the minute ends before the cooldown

    state.applyCooldown("cooling", T0 + 20_000); // now the cooldown ends first

    assertThat(rateLimit(() -> pick(selector(), g, request(), Set.of())).retryAfter())
        .contains(Duration.ofSeconds(20));
  }

  @Test
  void tpmDropsADeploymentWhoseTokensThisMinutePlusThePromptExceedIt() {
    // both with a tpm: simple-shuffle weighs by the first candidate's tpm, and one without would weigh 0
    var g = group(deployment("a", routing().tpm(1_000)), deployment("b", routing().tpm(1_000)));
    StrategySelector s = selector();
    state.addTokens("a", 900);

    assertThat(pickCounts(s, g, request(List.of(), 50, false), 200, () -> {})).containsOnlyKeys("a", "b");
    assertThat(pickCounts(s, g, request(List.of(), 150, false), 200, () -> {})).containsOnlyKeys("b");
    clock.set(MINUTE_START + 60_000);
    assertThat(pickCounts(s, g, request(List.of(), 150, false), 200, () -> {})).containsOnlyKeys("a", "b");
  }

  @Test
  void maxParallelRequestsDropsADeploymentWithThatManyCallsInFlight() {
    var g = group(deployment("a", routing().maxParallel(2)), deployment("b", routing()));
    StrategySelector s = selector();
    state.callStarted("a");
    state.callStarted("a");

    assertThat(pickCounts(s, g, request(), 200, () -> {})).containsOnlyKeys("b");
    state.callEnded("a");
    assertThat(pickCounts(s, g, request(), 200, () -> {})).containsOnlyKeys("a", "b");
  }

  @Test
  void everySelectionIsCountedAlsoWithoutLimits() {
    var g = group(deployment("a", routing()));
    StrategySelector s = selector();
    for (int i = 0; i < 3; i++) {
      pick(s, g, request(), Set.of());
    }
    assertThat(state.usage("a").requests()).isEqualTo(3);
  }

  @Test
  void aSlotAnotherInstanceTookMakesTheSelectorChooseAgain() {
    SharedStateStub shared = new SharedStateStub(state);
    shared.onAcquire(id -> CompletableFuture.completedFuture(!id.equals("a")));
    var g = group(deployment("a", routing().rpm(5)), deployment("b", routing().rpm(5)));
    StrategySelector s = selector(shared, RouterOptions.defaults());

    assertThat(pickCounts(s, g, request(), 100, () -> {})).containsOnlyKeys("b");

    shared.onAcquire(id -> CompletableFuture.completedFuture(false));
    RateLimitException e = rateLimit(() -> pick(s, g, request(), Set.of()));
    assertThat(e.getMessage()).contains("Try again in 50 seconds").endsWith("cooldown_list=[]");
  }

  @Test
  void aSlotThatIsAnsweredLaterCompletesTheSelectionThen() {
    SharedStateStub shared = new SharedStateStub(state);
    CompletableFuture<Boolean> first = new CompletableFuture<>();
    CompletableFuture<Boolean> second = new CompletableFuture<>();
    shared.onAcquire(id -> first.isDone() ? second : first);
    var g = group(deployment("a", routing().rpm(5)), deployment("b", routing().rpm(5)));
    StrategySelector s = selector(shared, RouterOptions.defaults());

    CompletableFuture<ModelGroups.Pick> selection = s.select(g, request(), Set.of()).toCompletableFuture();
    assertThat(selection).isNotDone();
    first.complete(false); // refused: the selector asks for the other deployment
    assertThat(selection).isNotDone();
    second.complete(true);
    String firstTried = selection.join().deployment().id();
    assertThat(firstTried).isIn("a", "b");

    // both refused later: the 429
    CompletableFuture<Boolean> no = new CompletableFuture<>();
    shared.onAcquire(id -> no);
    CompletableFuture<ModelGroups.Pick> refused = s.select(g, request(), Set.of()).toCompletableFuture();
    no.complete(false);
    assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RateLimitException.class);
  }

  @Test
  void aFailingSharedStoreAdmitsRatherThanFailingTheRequest() {
    SharedStateStub shared = new SharedStateStub(state);
    shared.onAcquire(id -> CompletableFuture.failedFuture(new IllegalStateException("store down")));
    var g = group(deployment("a", routing().rpm(5)));
    assertThat(pick(selector(shared, RouterOptions.defaults()), g, request(), Set.of())).isEqualTo("a");
  }
}
