package dev.tollgate.core.router;

import static dev.tollgate.core.router.RouterFixture.START;
import static dev.tollgate.core.router.RouterFixture.deployment;
import static dev.tollgate.core.router.RouterFixture.failure;
import static dev.tollgate.core.router.RouterFixture.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fallbacks to other model groups once a group's retries are spent. */
class RouterFallbackTest {
  private final RouterFixture f = new RouterFixture();

  private static InternalServerException serverError() {
    return new InternalServerException("boom", "openai", "m");
  }

  private Router threeGroups(RouterOptions.Builder options) {
    return f.router(options.numRetries(0).build(),
        deployment("a", "a1"), deployment("b", "b1"), deployment("c", "c1"), deployment("d", "d1"));
  }

  @Test
  void fallbacksAreTriedInOrderAndCounted() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("b", "c"))));
    f.attempt.script("a1", serverError()).script("b1", serverError());

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(routed.value()).isEqualTo("ok from c1");
    assertThat(routed.modelGroup()).isEqualTo("c");
    assertThat(routed.trace().attemptedFallbacks()).isEqualTo(2);
    assertThat(routed.trace().attemptedRetries()).isZero();
    assertThat(routed.trace().modelGroup()).isEqualTo("c");
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1", "b1", "c1");
    assertThat(f.attempt.calls()).extracting(c -> c.info().fallback()).containsExactly(false, true, true);
    assertThat(f.attempt.calls()).extracting(c -> c.info().modelGroup()).containsExactly("a", "b", "c");
  }

  @Test
  void eachFallbackGroupHasItsOwnRetries() {
    Router router = f.router(RouterOptions.builder().numRetries(1).fallbacks(Map.of("a", List.of("b"))).build(),
        deployment("a", "a1"), deployment("b", "b1"));
    f.attempt.script("a1", serverError(), serverError()).script("b1", serverError());

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1", "a1", "b1", "b1");
    assertThat(routed.trace().attemptedRetries()).isEqualTo(2);
    assertThat(routed.trace().attemptedFallbacks()).isEqualTo(1);
  }

  @Test
  void theGenericStarEntryAppliesToEveryGroup() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("*", List.of("c"))));
    f.attempt.script("a1", serverError());

    assertThat(success(router.route(RouteRequest.of("a"), f.attempt)).modelGroup()).isEqualTo("c");
  }

  @Test
  void anExactEntryWinsOverTheStarEntry() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("*", List.of("c"), "a", List.of("b"))));
    f.attempt.script("a1", serverError());

    assertThat(success(router.route(RouteRequest.of("a"), f.attempt)).modelGroup()).isEqualTo("b");
  }

  @Test
  void defaultFallbacksApplyWhenTheGroupHasNone() {
    Router router = threeGroups(RouterOptions.builder()
        .fallbacks(Map.of("b", List.of("c"))).defaultFallbacks(List.of("d")));
    f.attempt.script("a1", serverError());

    assertThat(success(router.route(RouteRequest.of("a"), f.attempt)).modelGroup()).isEqualTo("d");
  }

  @Test
  void contextWindowErrorsUseContextWindowFallbacksWithoutRetrying() {
    Router router = f.router(RouterOptions.builder().numRetries(3)
            .fallbacks(Map.of("a", List.of("b")))
            .contextWindowFallbacks(Map.of("a", List.of("c"))).build(),
        deployment("a", "a1"), deployment("a", "a2"), deployment("b", "b1"), deployment("c", "c1"));
    f.attempt.script("a1", new ContextWindowExceededException("maximum context length", "openai", "m"));

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1", "c1");
    assertThat(routed.trace().attemptedRetries()).isZero();
  }

  @Test
  void contentPolicyErrorsUseContentPolicyFallbacks() {
    Router router = threeGroups(RouterOptions.builder()
        .fallbacks(Map.of("a", List.of("b"))).contentPolicyFallbacks(Map.of("a", List.of("d"))));
    f.attempt.script("a1", new ContentPolicyViolationException("refused", "openai", "m"));

    assertThat(success(router.route(RouteRequest.of("a"), f.attempt)).modelGroup()).isEqualTo("d");
  }

  @Test
  void contextWindowErrorWithoutContextWindowFallbacksFails() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("b"))));
    f.attempt.script("a1", new ContextWindowExceededException("maximum context length", "openai", "m"));

    assertThat(failure(router.route(RouteRequest.of("a"), f.attempt)))
        .isInstanceOf(ContextWindowExceededException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1");
  }

  @Test
  void perRequestFallbacksReplaceTheConfiguredOnes() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("b"))));
    f.attempt.script("a1", serverError());
    RouteRequest request = new RouteRequest("a", null, false, null, null, null, null, List.of("d"), false, null);

    Routed<String> routed = success(router.route(request, f.attempt));

    assertThat(routed.modelGroup()).isEqualTo("d");
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1", "d1");
    assertThat(routed.trace()).as("a trace is made when the request brings none").isNotNull();
  }

  @Test
  void disableFallbacksFailsWithTheGroupsError() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("b"))));
    InternalServerException boom = serverError();
    f.attempt.script("a1", boom);
    RouteTrace trace = new RouteTrace();
    RouteRequest request = new RouteRequest("a", null, false, null, null, null, null, null, true, trace);

    assertThat(failure(router.route(request, f.attempt))).isSameAs(boom);
    assertThat(trace.attemptedFallbacks()).isZero();
    assertThat(trace.lastDeployment().id()).isEqualTo("a1");
  }

  @Test
  void maxFallbacksLimitsTheGroupsTried() {
    Router router = threeGroups(RouterOptions.builder().maxFallbacks(2)
        .fallbacks(Map.of("a", List.of("b", "c", "d"))));
    f.attempt.script("a1", serverError()).script("b1", serverError()).script("c1", serverError());
    RouteTrace trace = new RouteTrace();

    Throwable error = failure(router.route(
        new RouteRequest("a", null, false, null, null, null, null, null, false, trace), f.attempt));

    assertThat(error).isInstanceOf(InternalServerException.class);
    assertThat(f.attempt.deploymentsCalled()).containsExactly("a1", "b1", "c1");
    assertThat(trace.attemptedFallbacks()).isEqualTo(2);
  }

  @Test
  void aDeploymentIdEntryCallsThatDeploymentEvenWhileItCoolsDown() {
    Router router = f.router(RouterOptions.builder().numRetries(0).fallbacks(Map.of("a", List.of("c1"))).build(),
        deployment("a", "a1"), deployment("c", "c1"));
    f.state.startCooldown("c1", START + 60_000, "test");
    f.attempt.script("a1", serverError());

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(routed.value()).isEqualTo("ok from c1");
    assertThat(routed.modelGroup()).isEqualTo("c");
  }

  @Test
  void entriesThatNameNothingAreSkipped() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("ghost", "b"))));
    f.attempt.script("a1", serverError());

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(routed.modelGroup()).isEqualTo("b");
    assertThat(routed.trace().attemptedFallbacks()).isEqualTo(1);
  }

  @Test
  void aGroupWithNothingAvailableFallsBack() {
    Router router = threeGroups(RouterOptions.builder().fallbacks(Map.of("a", List.of("b"))));
    f.state.startCooldown("a1", START + 60_000, "test");

    Routed<String> routed = success(router.route(RouteRequest.of("a"), f.attempt));

    assertThat(routed.modelGroup()).isEqualTo("b");
    assertThat(f.attempt.deploymentsCalled()).containsExactly("b1");
  }
}
