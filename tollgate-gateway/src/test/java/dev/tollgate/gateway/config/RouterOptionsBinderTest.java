package dev.tollgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RoutingStrategyName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** router_settings (and the routing keys of litellm_settings) as the core router's options. Fixtures in config/router/. */
class RouterOptionsBinderTest {

  private static ProxyConfig load(String fixture) {
    return ConfigLoader.load(Fixtures.path("config/router/" + fixture), Map.of());
  }

  private static ConfigException failure(String fixture) {
    Throwable t = catchThrowable(() -> load(fixture));
    assertThat(t).isInstanceOf(ConfigException.class);
    return (ConfigException) t;
  }

  @Test
  void everyRoutingKeyIsBound() {
    RouterOptions o = load("all_keys.yaml").routerOptions();

    assertThat(o.strategy()).isEqualTo(RoutingStrategyName.LATENCY_BASED);
    assertThat(o.lowestLatencyBuffer()).isEqualTo(0.5);
    assertThat(o.numRetries()).isEqualTo(3);
    assertThat(o.retryAfter()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.streamTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(o.allowedFails()).isEqualTo(2);
    assertThat(o.allowedFailsPolicy())
        .containsExactlyInAnyOrderEntriesOf(Map.of("RateLimitErrorAllowedFails", 100, "AuthenticationErrorAllowedFails", 0));
    assertThat(o.cooldownTime()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.disableCooldowns()).isTrue();
    assertThat(o.retryPolicy())
        .containsExactlyInAnyOrderEntriesOf(Map.of("RateLimitErrorRetries", 4, "AuthenticationErrorRetries", 0));
    assertThat(o.modelGroupRetryPolicy()).containsOnlyKeys("gpt-4");
    assertThat(o.modelGroupRetryPolicy().get("gpt-4")).containsExactly(Map.entry("TimeoutErrorRetries", 1));
    assertThat(o.fallbacks()).containsOnlyKeys("gpt-4", "*");
    assertThat(o.fallbacks().get("gpt-4")).containsExactly("gpt-3.5", "claude");
    assertThat(o.fallbacks().get("*")).containsExactly("gpt-3.5");
    assertThat(o.contextWindowFallbacks()).containsExactly(Map.entry("gpt-3.5", List.of("gpt-4-32k")));
    assertThat(o.contentPolicyFallbacks()).containsExactly(Map.entry("gpt-4", List.of("safe-model")));
    assertThat(o.defaultFallbacks()).containsExactly("gpt-3.5");
    assertThat(o.maxFallbacks()).isEqualTo(3);
    assertThat(o.enablePreCallChecks()).isTrue();
    assertThat(o.modelGroupAlias()).containsExactlyInAnyOrderEntriesOf(Map.of("gpt4", "gpt-4", "secret-gpt", "gpt-4"));
    assertThat(o.hiddenAliases()).containsExactly("secret-gpt");
    assertThat(o.enableTagFiltering()).isTrue();
    assertThat(o.tagFilteringMatchAny()).isFalse();
  }

  @Test
  void litellmSettingsRoutingKeysApplyWhenRouterSettingsLeavesThemOut() {
    RouterOptions o = load("litellm_only.yaml").routerOptions();

    assertThat(o.numRetries()).isEqualTo(5);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(o.allowedFails()).isEqualTo(3);
    assertThat(o.fallbacks()).containsExactly(Map.entry("zephyr-beta", List.of("gpt-4o")));
    assertThat(o.contextWindowFallbacks().get("gpt-4o")).containsExactly("gpt-3.5-turbo-16k");
    assertThat(o.contextWindowFallbacks()).containsOnlyKeys("zephyr-beta", "gpt-4o");
    assertThat(o.defaultFallbacks()).containsExactly("gpt-4o");
  }

  @Test
  void noRoutingKeysGiveLiteLlmDefaults() {
    RouterOptions o = ProxyConfig.empty().routerOptions();
    assertThat(o).isEqualTo(RouterOptions.defaults());
    assertThat(ConfigLoader.load(Fixtures.path("config/good/empty.yaml"), Map.of()).routerOptions())
        .isEqualTo(RouterOptions.defaults());
  }

  @Test
  void unknownStrategyNamesTheKeyAndTheLine() {
    ConfigException e = failure("unknown_strategy.yaml");
    assertThat(e.getMessage()).contains("unknown_strategy.yaml line 3: router_settings.routing_strategy is not a "
        + "strategy Tollgate knows: \"fastest-please\"");
    assertThat(e.path()).isEqualTo("router_settings.routing_strategy");
  }

  @Test
  void fallbacksMustBeAListOfMappings() {
    ConfigException e = failure("fallbacks_not_list.yaml");
    assertThat(e.path()).isEqualTo("router_settings.fallbacks");
    assertThat(e.getMessage()).contains("must be a list of {model_group: [fallback groups]} mappings, got a mapping");
  }

  @Test
  void fallbackTargetsMustBeGroupNames() {
    ConfigException e = failure("fallback_targets_not_strings.yaml");
    assertThat(e.path()).isEqualTo("litellm_settings.fallbacks[0].gpt-4[0]");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void aRetryPolicyTypoIsRefused() {
    ConfigException e = failure("retry_policy_typo.yaml");
    assertThat(e.path()).isEqualTo("router_settings.retry_policy.RateLimitRetries");
    assertThat(e.getMessage()).contains("RateLimitErrorRetries");
  }

  @Test
  void negativeCooldownIsRefused() {
    assertThat(failure("cooldown_negative.yaml").getMessage())
        .endsWith("line 2: router_settings.cooldown_time must be 0 or more, got -1.0");
  }

  @Test
  void booleansMustBeBooleans() {
    assertThat(failure("pre_call_checks_text.yaml").getMessage())
        .endsWith("router_settings.enable_pre_call_checks must be true or false, got \"sometimes\"");
  }

  @Test
  void anAliasMappingNeedsItsModel() {
    assertThat(failure("alias_without_model.yaml").path()).isEqualTo("router_settings.model_group_alias.gpt4");
  }

  @Test
  void deploymentRoutingValuesAreTyped() {
    assertThat(failure("deployment_parallel_text.yaml").path())
        .isEqualTo("model_list[0].litellm_params.max_parallel_requests");
    assertThat(failure("deployment_window_text.yaml").path()).isEqualTo("model_list[0].model_info.max_input_tokens");
  }
}
