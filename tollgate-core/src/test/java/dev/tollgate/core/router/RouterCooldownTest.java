package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixture.START;
import static dev.tollgate.core.router.RouterFixture.deployment;
import static dev.tollgate.core.router.RouterFixture.failure;
import static dev.tollgate.core.router.RouterFixture.withAllowedFails;
import static dev.tollgate.core.router.RouterFixture.withCooldown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a failing deployment is taken out of rotation, and for how long. */
class RouterCooldownTest {
  private final RouterFixture f = new RouterFixture();
  private final RouteRequest noRetries =
      new RouteRequest("gpt", null, false, null, 0, null, null, null, false, null);

  private static InternalServerException serverError() {
    return new InternalServerException("boom", "openai", "gpt");
  }

  private static RateLimitException rateLimited() {
    return new RateLimitException("slow down", "openai", "gpt", null);
  }

  @Test
  void allowedFailsThreeCoolsDownAfterTheFourthFailure() {
    Router router = f.router(RouterOptions.builder().allowedFails(3).build(), deployment("gpt", "a"));
    f.attempt.script("a", serverError(), serverError(), serverError(), serverError());

    for (int i = 0; i < 3; i++) {
      failure(router.route(noRetries, f.attempt));
      assertThat(f.state.cooldownUntil("a")).as("after failure %d", i + 1).isZero();
    }
    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isEqualTo(START + 5_000);
  }

  @Test
  void deploymentAllowedFailsAndCooldownTimeWinOverTheRouters() {
    Router router = f.router(RouterOptions.builder().allowedFails(10).build(),
        deployment("gpt", "a", new DeploymentRouting(null, null, null, null, null, null, null, null, null,
            Duration.ofSeconds(30), 1, null)));
    f.attempt.script("a", serverError(), serverError());

    failure(router.route(noRetries, f.attempt));
    assertThat(f.state.cooldownUntil("a")).isZero();
    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isEqualTo(START + 30_000);
  }

  @Test
  void allowedFailsPolicyCountsPerKind() {
    Router router = f.router(RouterOptions.builder()
        .allowedFailsPolicy(Map.of("RateLimitErrorAllowedFails", 1)).build(), deployment("gpt", "a"));
    f.attempt.script("a", rateLimited(), serverError(), rateLimited());

    failure(router.route(noRetries, f.attempt));
    failure(router.route(noRetries, f.attempt));
    assertThat(f.state.cooldownUntil("a")).as("one 429 and one 500 counted apart").isZero();
    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isEqualTo(START + 5_000);
  }

  @Test
  void aWildcardDeploymentNeverCoolsDown() {
    Deployment wildcard = new Deployment("openai/*", "w", "openai/*", null,
        dev.tollgate.providers.spi.CallTarget.of("openai", "*"));
    Router router = f.router(RouterOptions.defaults(), wildcard);
    f.attempt.script("w", new AuthenticationException("bad key", "openai", "gpt"), rateLimited());

    failure(router.route(new RouteRequest("openai/missing", null, false, null, 0, null, null, null, false, null),
        f.attempt));
    failure(router.route(new RouteRequest("openai/busy", null, false, null, 0, null, null, null, false, null),
        f.attempt));

    assertThat(f.state.cooldownUntil("w")).isZero();
  }

  @Test
  void cooldownTimeZeroMeansNoCooldown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a", withCooldown(Duration.ZERO)));
    f.attempt.script("a", new AuthenticationException("bad key", "openai", "gpt"));

    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isZero();
  }

  @Test
  void disableCooldownsMeansNoCooldown() {
    Router router = f.router(RouterOptions.builder().disableCooldowns(true).allowedFails(0).build(),
        deployment("gpt", "a"));
    f.attempt.script("a", serverError());

    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isZero();
  }

  @Test
  void connectionErrorsNeverCoolDown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a", withAllowedFails(0)));
    f.attempt.script("a", new APIConnectionException("refused", "openai", "gpt"));

    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isZero();
  }

  @Test
  void byDefaultA429CoolsDownOnlyWhenTheGroupHasAnotherDeployment() {
    Router single = f.router(RouterOptions.defaults(), deployment("solo", "s"));
    Router pair = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("s", rateLimited());
    f.attempt.script("a", rateLimited());

    failure(single.route(new RouteRequest("solo", null, false, null, 0, null, null, null, false, null), f.attempt));
    failure(pair.route(new RouteRequest("gpt", null, false, null, 0, null, null, null, false, null), f.attempt));

    assertThat(f.state.cooldownUntil("s")).isZero();
    assertThat(f.state.cooldownUntil("a")).isEqualTo(START + 5_000);
  }

  @Test
  void byDefaultServerErrorsCoolDownAtFiveFailuresInAMinute() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    RouteRequest pinned = new RouteRequest("gpt", null, false, null, 0, null, null, null, false, null);
    for (int i = 0; i < 5; i++) {
      f.attempt.script("a", serverError());
    }

    for (int i = 0; i < 4; i++) {
      failure(router.route(pinned, f.attempt));
    }
    assertThat(f.state.cooldownUntil("a")).isZero();
    failure(router.route(pinned, f.attempt));

    assertThat(f.state.cooldownUntil("a")).isEqualTo(START + 5_000);
  }

  @Test
  void byDefaultFailuresAmongManySuccessfulCallsDoNotCoolDown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    RouteRequest pinned = new RouteRequest("gpt", null, false, null, 0, null, null, null, false, null);
    for (int i = 0; i < 20; i++) {
      f.state.acquire("a", -1, -1);
    }
    for (int i = 0; i < 6; i++) {
      f.attempt.script("a", serverError());
    }

    for (int i = 0; i < 6; i++) {
      failure(router.route(pinned, f.attempt));
    }

    assertThat(f.state.cooldownUntil("a")).as("6 failures out of 20 calls is under half").isZero();
  }

  @Test
  void aCooledDownDeploymentIsSkippedOnTheNextRequest() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", rateLimited());

    RouterFixture.success(router.route(RouteRequest.of("gpt"), f.attempt));
    RouterFixture.success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.attempt.deploymentsCalled()).containsExactly("a", "b", "b");
  }

  @Test
  void everyFailedAttemptIsNotedForTheAdminViewEvenWhenItCannotCoolDown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.attempt.script("a", new APIConnectionException("refused", "openai", "gpt", null), serverError());

    failure(router.route(noRetries, f.attempt));
    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownUntil("a")).as("neither failure cools a lone deployment down").isZero();
    assertThat(f.state.recentFailures("a"))
        .isEqualTo(new RouterState.RecentFailures(2, START, "500 InternalServerError"));
  }

  @Test
  void aCooldownKeepsTheKindAndStatusThatStartedIt() {
    Router router = f.router(RouterOptions.builder().allowedFails(0).build(), deployment("gpt", "a"));
    f.attempt.script("a", serverError());

    failure(router.route(noRetries, f.attempt));

    assertThat(f.state.cooldownReason("a")).isEqualTo("500 InternalServerError");
  }
}
