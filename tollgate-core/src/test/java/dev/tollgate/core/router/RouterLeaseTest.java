package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixture.deployment;
import static dev.tollgate.core.router.RouterFixture.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.InternalServerException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a successful call's lease records: in-flight slot, tokens and latency, each exactly once. */
class RouterLeaseTest {
  private final RouterFixture f = new RouterFixture();

  @Test
  void finishRecordsTokensLatencyAndFreesTheSlotExactlyOnce() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    Routed<String> routed = success(router.route(RouteRequest.of("gpt"), f.attempt));
    assertThat(f.state.inFlight("a")).isEqualTo(1);

    f.clock.advance(1_000);
    routed.lease().finish(100, 150);
    routed.lease().finish(100, 150);
    routed.lease().abandon();

    assertThat(f.state.inFlight("a")).isZero();
    assertThat(f.state.usage("a").tokens()).isEqualTo(150);
    RouterState.LatencyStats latency = f.state.latency("a");
    assertThat(latency.samples()).isEqualTo(1);
    assertThat(latency.perToken()).isEqualTo(10.0);
    assertThat(latency.timeToFirstToken()).isNaN();
  }

  @Test
  void abandonOnlyFreesTheSlot() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    f.state.callStarted("a");
    Routed<String> routed = success(router.route(RouteRequest.of("gpt"), f.attempt));

    routed.lease().abandon();
    routed.lease().finish(10, 10);

    assertThat(f.state.inFlight("a")).as("only the other call is left").isEqualTo(1);
    assertThat(f.state.usage("a").tokens()).isZero();
    assertThat(f.state.latency("a").samples()).isZero();
  }

  @Test
  void aStreamRecordsTimeToFirstTokenWhenItOpens() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    CompletableFuture<String> opening = new CompletableFuture<>();
    f.attempt.script("a", opening);
    RouteRequest stream = new RouteRequest("gpt", null, true, null, null, null, null, null, false, null);

    CompletableFuture<Routed<String>> future = router.route(stream, f.attempt);
    assertThat(future).isNotDone();
    assertThat(f.state.inFlight("a")).isEqualTo(1);
    f.clock.advance(300);
    opening.complete("stream");
    Routed<String> routed = success(future);
    f.clock.advance(5_000);
    routed.lease().finish(50, 80);

    RouterState.LatencyStats latency = f.state.latency("a");
    assertThat(latency.timeToFirstToken()).isEqualTo(300.0);
    assertThat(latency.perToken()).isNaN();
    assertThat(f.state.usage("a").tokens()).isEqualTo(80);
    assertThat(f.state.inFlight("a")).isZero();
  }

  @Test
  void failedAttemptsEndTheirInFlightSlot() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    f.attempt.script("a", new InternalServerException("boom", "openai", "gpt"));

    success(router.route(RouteRequest.of("gpt"), f.attempt));

    assertThat(f.state.inFlight("a")).isZero();
    assertThat(f.state.inFlight("b")).isEqualTo(1);
  }

  @Test
  void aCancelledRequestStopsRetryingAndReleasesALateResult() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"), deployment("gpt", "b"));
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    f.attempt.script("a", first);
    f.attempt.script("b", second);

    CompletableFuture<Routed<String>> future = router.route(RouteRequest.of("gpt"), f.attempt);
    future.cancel(false);
    first.completeExceptionally(new InternalServerException("boom", "openai", "gpt"));

    assertThat(f.attempt.deploymentsCalled()).containsExactly("a");
    assertThat(f.state.inFlight("a")).isZero();
  }

  @Test
  void aSuccessAfterCancellationFreesItsSlot() {
    Router router = f.router(RouterOptions.defaults(), deployment("gpt", "a"));
    CompletableFuture<String> pending = new CompletableFuture<>();
    f.attempt.script("a", pending);

    CompletableFuture<Routed<String>> future = router.route(RouteRequest.of("gpt"), f.attempt);
    future.cancel(false);
    pending.complete("late");

    assertThat(f.state.inFlight("a")).isZero();
  }
}
