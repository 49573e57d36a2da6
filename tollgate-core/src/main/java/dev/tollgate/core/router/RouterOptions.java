package dev.tollgate.core.router;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The router's settings, as LiteLLM's {@code router_settings} (and the routing keys of {@code litellm_settings}).
 * Build with {@link #builder()}; every field has LiteLLM's default.
 *
 * @param strategy {@code routing_strategy}
 * @param numRetries retries per model group when no policy says otherwise (LiteLLM's effective default: 2)
 * @param retryAfter the minimum wait before a retry ({@code retry_after})
 * @param timeout whole-call timeout; null: each deployment's own (or the provider default)
 * @param streamTimeout time to the first chunk of a stream; null: {@code timeout}
 * @param allowedFails failures per deployment per minute before a cooldown; null: LiteLLM's v2 behaviour (cool down
 *     on 429 when the group has alternatives, on non-retryable errors, or on a failure rate above 50% with at least 5
 *     calls in the minute)
 * @param allowedFailsPolicy per exception type, e.g. {@code RateLimitErrorAllowedFails -> 100}
 * @param cooldownTime how long a deployment is skipped after it trips (default 5 s); zero disables cooldowns
 * @param disableCooldowns {@code disable_cooldowns}
 * @param retryPolicy per exception type, e.g. {@code RateLimitErrorRetries -> 3}, {@code AuthenticationErrorRetries -> 0}
 * @param modelGroupRetryPolicy a retry policy per model group, over {@code retryPolicy}
 * @param fallbacks model group to the groups tried after its retries are spent ({@code "*"} for every group)
 * @param contextWindowFallbacks the same, for context-window errors
 * @param contentPolicyFallbacks the same, for content-policy errors
 * @param defaultFallbacks groups tried when a group has no fallbacks of its own
 * @param maxFallbacks how many fallback groups one request may try (default 5)
 * @param enablePreCallChecks drop deployments whose context window is smaller than the prompt before calling
 * @param modelGroupAlias alias to model group
 * @param hiddenAliases aliases not listed by {@code /v1/models}
 * @param lowestLatencyBuffer {@code routing_strategy_args.lowest_latency_buffer}: pick at random among deployments
 *     within {@code lowest × (1 + buffer)}
 * @param enableTagFiltering {@code enable_tag_filtering}
 * @param tagFilteringMatchAny a deployment matches when it has any of the request's tags (else: all of them)
 */
public record RouterOptions(
    RoutingStrategyName strategy,
    int numRetries,
    Duration retryAfter,
    Duration timeout,
    Duration streamTimeout,
    Integer allowedFails,
    Map<String, Integer> allowedFailsPolicy,
    Duration cooldownTime,
    boolean disableCooldowns,
    Map<String, Integer> retryPolicy,
    Map<String, Map<String, Integer>> modelGroupRetryPolicy,
    Map<String, List<String>> fallbacks,
    Map<String, List<String>> contextWindowFallbacks,
    Map<String, List<String>> contentPolicyFallbacks,
    List<String> defaultFallbacks,
    int maxFallbacks,
    boolean enablePreCallChecks,
    Map<String, String> modelGroupAlias,
    Set<String> hiddenAliases,
    double lowestLatencyBuffer,
    boolean enableTagFiltering,
    boolean tagFilteringMatchAny) {

  public static final int DEFAULT_NUM_RETRIES = 2;
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_FALLBACKS = 5;

  public RouterOptions {
    strategy = strategy == null ? RoutingStrategyName.SIMPLE_SHUFFLE : strategy;
    retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    cooldownTime = cooldownTime == null ? DEFAULT_COOLDOWN : cooldownTime;
    allowedFailsPolicy = Map.copyOf(allowedFailsPolicy == null ? Map.of() : allowedFailsPolicy);
    retryPolicy = Map.copyOf(retryPolicy == null ? Map.of() : retryPolicy);
    modelGroupRetryPolicy = Map.copyOf(modelGroupRetryPolicy == null ? Map.of() : modelGroupRetryPolicy);
    fallbacks = copy(fallbacks);
    contextWindowFallbacks = copy(contextWindowFallbacks);
    contentPolicyFallbacks = copy(contentPolicyFallbacks);
    defaultFallbacks = List.copyOf(defaultFallbacks == null ? List.of() : defaultFallbacks);
    modelGroupAlias = Map.copyOf(modelGroupAlias == null ? Map.of() : modelGroupAlias);
    hiddenAliases = Set.copyOf(hiddenAliases == null ? Set.of() : hiddenAliases);
  }

  public static RouterOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.strategy = strategy;
    b.numRetries = numRetries;
    b.retryAfter = retryAfter;
    b.timeout = timeout;
    b.streamTimeout = streamTimeout;
    b.allowedFails = allowedFails;
    b.allowedFailsPolicy = allowedFailsPolicy;
    b.cooldownTime = cooldownTime;
    b.disableCooldowns = disableCooldowns;
    b.retryPolicy = retryPolicy;
    b.modelGroupRetryPolicy = modelGroupRetryPolicy;
    b.fallbacks = fallbacks;
    b.contextWindowFallbacks = contextWindowFallbacks;
    b.contentPolicyFallbacks = contentPolicyFallbacks;
    b.defaultFallbacks = defaultFallbacks;
    b.maxFallbacks = maxFallbacks;
    b.enablePreCallChecks = enablePreCallChecks;
    b.modelGroupAlias = modelGroupAlias;
    b.hiddenAliases = hiddenAliases;
    b.lowestLatencyBuffer = lowestLatencyBuffer;
    b.enableTagFiltering = enableTagFiltering;
    b.tagFilteringMatchAny = tagFilteringMatchAny;
    return b;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Mutable builder with LiteLLM's defaults. */
  public static final class Builder {
    private RoutingStrategyName strategy = RoutingStrategyName.SIMPLE_SHUFFLE;
    private int numRetries = DEFAULT_NUM_RETRIES;
    private Duration retryAfter = Duration.ZERO;
    private Duration timeout;
    private Duration streamTimeout;
    private Integer allowedFails;
    private Map<String, Integer> allowedFailsPolicy = Map.of();
    private Duration cooldownTime = DEFAULT_COOLDOWN;
    private boolean disableCooldowns;
    private Map<String, Integer> retryPolicy = Map.of();
    private Map<String, Map<String, Integer>> modelGroupRetryPolicy = Map.of();
    private Map<String, List<String>> fallbacks = Map.of();
    private Map<String, List<String>> contextWindowFallbacks = Map.of();
    private Map<String, List<String>> contentPolicyFallbacks = Map.of();
    private List<String> defaultFallbacks = List.of();
    private int maxFallbacks = DEFAULT_MAX_FALLBACKS;
    private boolean enablePreCallChecks;
    private Map<String, String> modelGroupAlias = Map.of();
    private Set<String> hiddenAliases = Set.of();
    private double lowestLatencyBuffer;
    private boolean enableTagFiltering;
    private boolean tagFilteringMatchAny = true;

    public Builder strategy(RoutingStrategyName v) { strategy = v; return this; }
    public Builder numRetries(int v) { numRetries = v; return this; }
    public Builder retryAfter(Duration v) { retryAfter = v; return this; }
    public Builder timeout(Duration v) { timeout = v; return this; }
    public Builder streamTimeout(Duration v) { streamTimeout = v; return this; }
    public Builder allowedFails(Integer v) { allowedFails = v; return this; }
    public Builder allowedFailsPolicy(Map<String, Integer> v) { allowedFailsPolicy = v; return this; }
    public Builder cooldownTime(Duration v) { cooldownTime = v; return this; }
    public Builder disableCooldowns(boolean v) { disableCooldowns = v; return this; }
    public Builder retryPolicy(Map<String, Integer> v) { retryPolicy = v; return this; }
    public Builder modelGroupRetryPolicy(Map<String, Map<String, Integer>> v) { modelGroupRetryPolicy = v; return this; }
    public Builder fallbacks(Map<String, List<String>> v) { fallbacks = v; return this; }
    public Builder contextWindowFallbacks(Map<String, List<String>> v) { contextWindowFallbacks = v; return this; }
    public Builder contentPolicyFallbacks(Map<String, List<String>> v) { contentPolicyFallbacks = v; return this; }
    public Builder defaultFallbacks(List<String> v) { defaultFallbacks = v; return this; }
    public Builder maxFallbacks(int v) { maxFallbacks = v; return this; }
    public Builder enablePreCallChecks(boolean v) { enablePreCallChecks = v; return this; }
    public Builder modelGroupAlias(Map<String, String> v) { modelGroupAlias = v; return this; }
    public Builder hiddenAliases(Set<String> v) { hiddenAliases = v; return this; }
    public Builder lowestLatencyBuffer(double v) { lowestLatencyBuffer = v; return this; }
    public Builder enableTagFiltering(boolean v) { enableTagFiltering = v; return this; }
    public Builder tagFilteringMatchAny(boolean v) { tagFilteringMatchAny = v; return this; }

    public RouterOptions build() {
      return new RouterOptions(strategy, numRetries, retryAfter, timeout, streamTimeout, allowedFails,
          allowedFailsPolicy, cooldownTime, disableCooldowns, retryPolicy, modelGroupRetryPolicy, fallbacks,
          contextWindowFallbacks, contentPolicyFallbacks, defaultFallbacks, maxFallbacks, enablePreCallChecks,
          modelGroupAlias, hiddenAliases, lowestLatencyBuffer, enableTagFiltering, tagFilteringMatchAny);
    }
  }
}
