package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixture.deployment;
import static dev.tollgate.core.router.RouterFixture.failure;
import static dev.tollgate.core.router.RouterFixture.success;
import static dev.tollgate.core.router.RouterFixture.withTimeouts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.TimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each attempt's timeout, and the one deadline that bounds all attempts of a request. */
class RouterTimeoutTest {
  private final RouterFixture f = new RouterFixture();

  private static RouteRequest request(String model, boolean stream, Duration timeout, Duration streamTimeout) {
    return new RouteRequest(model, null, stream, null, null, timeout, streamTimeout, null, false, null);
  }

  @Test
  void aTimedOutAttemptFallsBack() {
    Router router = f.router(RouterOptions.builder().numRetries(0).fallbacks(Map.of("a", List.of("b"))).build(),
        deployment("a", "a1"), deployment("b", "b1"));
    f.attempt.script("a1", new TimeoutException("no answer", "openai", "m"));

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(routed.modelGroup()).isEqualTo("b");
    assertThat(f.state.cooldownUntil("a1")).as("a single 408 does not trip the failure rate").isZero();
  }

  @Test
  void withoutAnyTimeoutTheAttemptGetsNone() {
    Router router = f.router(RouterOptions.defaults(), deployment("a", "a1"));

    success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(f.attempt.calls().get(0).info().timeout()).isNull();
  }

  @Test
  void theDeploymentsTimeoutIsBoundedByWhatIsLeftOfTheDeadline() {
    Router router = f.router(RouterOptions.builder().timeout(Duration.ofSeconds(10)).build(),
        deployment("a", "a1", withTimeouts(Duration.ofSeconds(30), null)), deployment("a", "a2"));
    f.attempt.script("a1", new InternalServerException("boom", "openai", "m"));
    f.attempt.onCall(call -> f.clock.advance(4_000));

    success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(f.attempt.calls()).extracting(c -> c.info().timeout())
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(6));
  }

  @Test
  void aShortDeploymentTimeoutIsKept() {
    Router router = f.router(RouterOptions.builder().timeout(Duration.ofSeconds(10)).build(),
        deployment("a", "a1", withTimeouts(Duration.ofSeconds(3), null)));

    success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(f.attempt.calls().get(0).info().timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void streamsUseTheStreamTimeoutRequestFirstThenDeploymentThenRouter() {
    Router router = f.router(RouterOptions.builder().streamTimeout(Duration.ofSeconds(7)).build(),
        deployment("a", "a1", withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(5))),
        deployment("b", "b1"));

    success(router.route(request("a", true, null, Duration.ofSeconds(2)), f.attempt));
    success(router.route(request("a", true, null, null), f.attempt));
    success(router.route(request("b", true, null, null), f.attempt));
    success(router.route(request("b", false, null, null), f.attempt));

    assertThat(f.attempt.calls()).extracting(c -> c.info().timeout())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(7), null);
  }

  @Test
  void thePassedDeadlineStopsFurtherAttemptsWithATimeoutNamingIt() {
    Router router = f.router(RouterOptions.builder().numRetries(5).build(),
        deployment("a", "a1"), deployment("a", "a2"));
    f.attempt.script("a1", new InternalServerException("boom", "openai", "m"));
    f.attempt.onCall(call -> f.clock.advance(2_500));

    Throwable error = failure(router.route(request("a", false, Duration.ofSeconds(2), null), f.attempt));

    assertThat(error).isInstanceOf(TimeoutException.class).hasMessageContaining("deadline of 2000 ms");
    assertThat(f.attempt.calls()).hasSize(1);
  }

  @Test
  void aBackOffThatWouldPassTheDeadlineEndsWithTheLastError() {
    Router router = f.router(RouterOptions.builder().timeout(Duration.ofSeconds(10)).build(),
        deployment("a", "a1"));
    RateLimitException limited = new RateLimitException("slow down", "openai", "m", Duration.ofSeconds(30));
    f.attempt.script("a1", limited);

    assertThat(failure(router.route(RouteRequest.of("a"), f.attempt))).isSameAs(limited);
    assertThat(f.attempt.calls()).hasSize(1);
    assertThat(f.scheduler.delays()).isEmpty();
  }
}
