package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixture.deployment;
import static dev.tollgate.core.router.RouterFixture.failure;
import static dev.tollgate.core.router.RouterFixture.success;
import static dev.tollgate.core.router.RouterFixture.withRetries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Retries within a model group: which errors, how many times, after how long, on which deployment. */
class RouterRetryTest {
  private final RouterFixture f = new RouterFixture();

  private static RateLimitException rateLimited(Duration retryAfter) {
    return new RateLimitException("slow down", "openai", "gpt", retryAfter);
  }

  private static InternalServerException serverError() {
    return new InternalServerException("boom", "openai", "gpt");
  }

  @Test
  void rateLimitThenSuccessIsRetriedAfterTheUpstreamsRetryAfter() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.attempt.script("a", rateLimited(Duration.ofSeconds(2)));

    Routed<String> routed = success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(routed.value()).isEqualTo("ok from a");
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a", "a");
    assertThat(f.scheduler.delays()).containsExactly(2000L);
    assertThat(routed.trace().attemptedRetries()).isEqualTo(1);
    assertThat(routed.trace().attemptedFallbacks()).isZero();
    assertThat(f.attempt.calls().get(1).info().attempt()).isEqualTo(1);
  }

  @Test
  void rateLimitWithoutRetryAfterBacksOffExponentiallyWithBoundedJitter() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.attempt.script("a", rateLimited(null), rateLimited(null));

    success(router.route(RouteRequest.of("gpt"), f.attempt));

    List<Long> delays = f.scheduler.delays();
    assertThat(delays).hasSize(2);
    assertThat(delays.get(0)).isBetween(125L, 875L);
    assertThat(delays.get(1)).isBetween(250L, 1750L);
  }

  @Test
  void routerRetryAfterIsTheMinimumWait() {
    Router router = f.router(RouterOptions.builder().retryAfter(Duration.ofSeconds(3)).build(),
        deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", serverError());

    success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.scheduler.delays()).containsExactly(3000L);
  }

  @Test
  void aRetryGoesToAnotherDeploymentAtOnceWhenTheGroupHasOne() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", serverError());

    Routed<String> routed = success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.attempt.deploymentsCalled()).containsExactly("a", "b");
    assertThat(routed.pick().deployment().id()).isEqualTo("b");
    assertThat(f.scheduler.delays()).isEmpty();
    assertThat(routed.trace().lastDeployment().id()).isEqualTo("b");
  }

  @Test
  void retryPolicyPerKindSetsTheNumberOfAttempts() {
    Router router = f.router(RouterOptions.builder().retryPolicy(Map.of("RateLimitErrorRetries", 3)).build(),
        deployment("gpt", "a"));
    f.attempt.script("a", rateLimited(null), rateLimited(null), rateLimited(null), rateLimited(null),
        rateLimited(null));

    Throwable error = failure(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(error).isInstanceOf(RateLimitException.class);
    assertThat(f.attempt.calls()).hasSize(4);
  }

  @Test
  void zeroRetriesForAKindMeansOneAttempt() {
    Router router = f.router(RouterOptions.builder().retryPolicy(Map.of("InternalServerErrorRetries", 0)).build(),
        deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", serverError());

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt))).isInstanceOf(InternalServerException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a");
  }

  @Test
  void contentPolicyViolationIsNotRetriedEvenWhenThePolicyAllowsRetries() {
    Router router = f.router(RouterOptions.builder()
            .retryPolicy(Map.of("ContentPolicyViolationErrorRetries", 0, "RateLimitErrorRetries", 5)).build(),
        deployment("gpt", "a"));
    f.attempt.script("a", new ContentPolicyViolationException("refused", "openai", "gpt"));

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt)))
        .isInstanceOf(ContentPolicyViolationException.class);
    assertThat(f.attempt.calls()).hasSize(1);
  }

  @Test
  void modelGroupRetryPolicyWinsOverTheRouterPolicy() {
    Router router = f.router(RouterOptions.builder()
            .retryPolicy(Map.of("InternalServerErrorRetries", 0))
            .modelGroupRetryPolicy(Map.of("gpt", Map.of("InternalServerErrorRetries", 2))).build(),
        deployment("gpt", "a"));
    f.attempt.script("a", serverError(), serverError(), serverError());

    failure(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.attempt.calls()).hasSize(3);
  }

  @Test
  void requestNumRetriesWinsOverDeploymentAndPolicy() {
    Router router = f.router(RouterOptions.builder().retryPolicy(Map.of("InternalServerErrorRetries", 5)).build(),
        deployment("gpt", "a", withRetries(4)));
    f.attempt.script("a", serverError(), serverError(), serverError());
    RouteRequest request = new RouteRequest("gpt", null, false, null, 1, null, null, null, false, new RouteTrace());

    failure(router.route(request, f.attempt));

    assertThat(f.attempt.calls()).hasSize(2);
  }

  @Test
  void deploymentNumRetriesWinsOverThePolicy() {
    Router router = f.router(RouterOptions.builder().retryPolicy(Map.of("InternalServerErrorRetries", 5)).build(),
        deployment("gpt", "a", withRetries(1)));
    f.attempt.script("a", serverError(), serverError(), serverError());

    failure(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.attempt.calls()).hasSize(2);
  }

  @Test
  void authenticationErrorIsNotRetriedOnTheOnlyDeploymentAndCoolsItDown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.attempt.script("a", new AuthenticationException("bad key", "openai", "gpt"));

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt))).isInstanceOf(AuthenticationException.class);
    assertThat(f.attempt.calls()).hasSize(1);
    assertThat(f.state.cooldownUntil("a")).isEqualTo(RouterFixture.START + 5_000);
  }

  @Test
  void authenticationErrorIsRetriedOnAnotherDeployment() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", new AuthenticationException("bad key", "openai", "gpt"));

    Routed<String> routed = success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(routed.value()).isEqualTo("ok from b");
    assertThat(routed.trace().attemptedRetries()).isEqualTo(1);
  }

  @Test
  void badRequestIsNeitherRetriedNorCooledDownNorFallenBack() {
    Router router = f.router(RouterOptions.builder().fallbacks(Map.of("gpt", List.of("other"))).build(),
        deployment("gpt", "a"), deployment("gpt", "b"), deployment("other", "c"));
    f.attempt.script("a", new BadRequestException("messages is required", "openai", "gpt"));

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt))).isInstanceOf(BadRequestException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a");
    assertThat(f.state.cooldownUntil("a")).isZero();
  }

  @Test
  void notFoundIsNotRetriedButCoolsDown() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", new NotFoundException("no such model", "openai", "gpt"));

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt))).isInstanceOf(NotFoundException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a");
    assertThat(f.state.cooldownUntil("a")).isGreaterThan(RouterFixture.START);
  }

  @Test
  void unknownModelFailsWithBadRequestNamingTheModel() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));

    Throwable error = failure(router.route(RouteRequest.of("nope"), f.attempt));

    assertThat(error).isInstanceOf(BadRequestException.class);
    assertThat(((BadRequestException) error).status()).isEqualTo(400);
    assertThat(((BadRequestException) error).upstreamMessage()).isEqualTo(
        "Invalid model name passed in model=nope. Call /v1/models to view available models for your key.");
    assertThat(f.attempt.calls()).isEmpty();
  }

  @Test
  void aliasResolvesBeforeGroupNames() {
    Router router = f.router(RouterOptions.builder().modelGroupAlias(Map.of("fast", "gpt")).build(),
        deployment("gpt", "a"), deployment("fast", "f"));

    Routed<String> routed = success(router.route(RouteRequest.of("fast"), f.attempt));

    assertThat(routed.modelGroup()).isEqualTo("gpt");
    assertThat(routed.value()).isEqualTo("ok from a");
    assertThat(router.resolve("fast").orElseThrow().name()).isEqualTo("gpt");
    assertThat(router.resolve("missing")).isEmpty();
  }

  @Test
  void whenNothingCanBeTriedTheSelectorsNoDeploymentsErrorIsReturned() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.state.startCooldown("a", RouterFixture.START + 10_000, "test");

    Throwable error = failure(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(error).isInstanceOf(RateLimitException.class).hasMessageContaining("No deployments available");
    assertThat(f.attempt.calls()).isEmpty();
  }

  @Test
  void theLastAttemptsErrorWinsOverALaterNoDeploymentsError() {
    f.attempt.script("a", new AuthenticationException("bad key", "openai", "gpt"));
    Router withFallback = f.router(RouterOptions.builder().fallbacks(Map.of("gpt", List.of("gpt2"))).build(),
        deployment("gpt", "a"), deployment("gpt2", "z"));
    f.state.startCooldown("z", RouterFixture.START + 60_000, "test");

    assertThat(failure(withFallback.route(RouteRequest.of("gpt"), f.attempt)))
        .isInstanceOf(AuthenticationException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a");
    assertThat(f.state.cooldownUntil("z")).isEqualTo(RouterFixture.START + 60_000);
  }

  @Test
  void noRetryWhenTheWholeGroupIsCoolingDownAndTheAttemptsErrorIsReturned() {
    Router router = f.router(RouterOptions.builder().allowedFails(0).build(), deployment("gpt", "a"));
    InternalServerException boom = serverError();
    f.attempt.script("a", boom);
    RouteTrace trace = new RouteTrace();

    Throwable error = failure(router.route(
        new RouteRequest("gpt", null, false, null, null, null, null, null, false, trace), f.attempt));

    assertThat(error).isSameAs(boom);
    assertThat(f.attempt.calls()).hasSize(1);
    assertThat(trace.attemptedRetries()).isZero();
    assertThat(f.scheduler.delays()).as("no back-off spent waiting for nothing").isEmpty();
  }

  @Test
  void aRetryWhoseSelectionFailsIsNotCounted() {
    DeploymentSelector failsOnRetry = (group, request, avoid) -> avoid.isEmpty()
        ? f.selector.select(group, request, avoid)
        : CompletableFuture.failedFuture(
            new RateLimitException("No deployments available for selected model", null, "gpt", null));
    Router router = new Router(List.of(deployment("gpt", "a"), deployment("gpt", "b")), RouterOptions.defaults(),
        f.state, f.scheduler, failsOnRetry, f.clock, new Random(1));
    InternalServerException boom = serverError();
    f.attempt.script("a", boom);
    RouteTrace trace = new RouteTrace();

    Throwable error = failure(router.route(
        new RouteRequest("gpt", null, false, null, null, null, null, null, false, trace), f.attempt));

    assertThat(error).isSameAs(boom);
    assertThat(trace.attemptedRetries()).isZero();
  }

  @Test
  void aSchedulerThatRefusesFailsTheRequestInsteadOfLeavingItHanging() {
    Scheduler refusing = (delay, task) -> {
      throw new IllegalStateException("scheduler shut down");
    };
    Router router = new Router(List.of(deployment("gpt", "a")), RouterOptions.defaults(), f.state, refusing,
        f.selector, f.clock, new Random(1));
    f.attempt.script("a", rateLimited(Duration.ofSeconds(1)));

    assertThat(failure(router.route(RouteRequest.of("gpt"), f.attempt)))
        .isInstanceOf(IllegalStateException.class).hasMessage("scheduler shut down");
  }
}
