package dev.tollgate.gateway.config;

import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RoutingStrategyName;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the routing keys of {@code router_settings}, and the routing keys LiteLLM also reads from
 * {@code litellm_settings} ({@code num_retries}, {@code request_timeout}, {@code allowed_fails} and the fallback
 * lists; {@code router_settings} wins when both set one), into the core router's {@link RouterOptions}. Done while the
 * config loads, so that a wrong value fails with the file, line and key, as every other key does.
 */
final class RouterOptionsBinder {
  /** {@code retry_policy} names (LiteLLM's {@code RetryPolicy} fields). */
  static final Set<String> RETRY_POLICY_KEYS = Set.of(
      "BadRequestErrorRetries", "AuthenticationErrorRetries", "TimeoutErrorRetries", "RateLimitErrorRetries",
      "ContentPolicyViolationErrorRetries", "InternalServerErrorRetries", "ServiceUnavailableErrorRetries",
      "NotFoundErrorRetries", "DefaultRetries");

  /** {@code allowed_fails_policy} names (LiteLLM's {@code AllowedFailsPolicy} fields). */
  static final Set<String> ALLOWED_FAILS_POLICY_KEYS = Set.of(
      "BadRequestErrorAllowedFails", "AuthenticationErrorAllowedFails", "TimeoutErrorAllowedFails",
      "RateLimitErrorAllowedFails", "ContentPolicyViolationErrorAllowedFails", "InternalServerErrorAllowedFails",
      "ServiceUnavailableErrorAllowedFails", "BadGatewayErrorAllowedFails", "NotFoundErrorAllowedFails");

  private RouterOptionsBinder() {}

  /**
   * @param router {@code router_settings}, or null
   * @param litellm {@code litellm_settings}, or null
   */
  static RouterOptions bind(MapNode router, MapNode litellm) {
    Fields r = new Fields(router == null ? new MapNode(new ConfigNode.Origin("", 0)) : router, "router_settings");
    Fields l = new Fields(litellm == null ? new MapNode(new ConfigNode.Origin("", 0)) : litellm, "litellm_settings");
    RouterOptions.Builder b = RouterOptions.builder();

    String strategy = r.string("routing_strategy");
    if (strategy != null) {
      try {
        b.strategy(RoutingStrategyName.parse(strategy));
      } catch (IllegalArgumentException e) {
        throw ConfigException.at(router.get("routing_strategy").origin(), r.path("routing_strategy"),
            "is not a strategy Tollgate knows: \"" + strategy + "\" (use one of simple-shuffle, least-busy, "
                + "latency-based-routing, usage-based-routing-v2, cost-based-routing)");
      }
    }
    MapNode strategyArgs = r.mapping("routing_strategy_args");
    if (strategyArgs != null) {
      Double buffer = nonNegative(new Fields(strategyArgs, r.path("routing_strategy_args")),
          "lowest_latency_buffer");
      if (buffer != null) {
        b.lowestLatencyBuffer(buffer);
      }
    }

    Integer retries = count(r, "num_retries");
    if (retries == null) {
      retries = count(l, "num_retries");
    }
    if (retries != null) {
      b.numRetries(retries);
    }
    Duration retryAfter = seconds(r, "retry_after");
    if (retryAfter != null) {
      b.retryAfter(retryAfter);
    }
    Duration timeout = seconds(r, "timeout");
    b.timeout(timeout != null ? timeout : seconds(l, "request_timeout"));
    b.streamTimeout(seconds(r, "stream_timeout"));
    Integer allowedFails = count(r, "allowed_fails");
    b.allowedFails(allowedFails != null ? allowedFails : count(l, "allowed_fails"));
    b.allowedFailsPolicy(policy(r, "allowed_fails_policy", ALLOWED_FAILS_POLICY_KEYS));
    Duration cooldown = seconds(r, "cooldown_time");
    if (cooldown != null) {
      b.cooldownTime(cooldown);
    }
    b.disableCooldowns(Boolean.TRUE.equals(r.bool("disable_cooldowns")));
    b.retryPolicy(policy(r, "retry_policy", RETRY_POLICY_KEYS));
    b.modelGroupRetryPolicy(groupPolicies(r));

    b.fallbacks(fallbacks(r, l, "fallbacks"));
    b.contextWindowFallbacks(fallbacks(r, l, "context_window_fallbacks"));
    b.contentPolicyFallbacks(fallbacks(r, l, "content_policy_fallbacks"));
    List<String> defaults = r.map().get("default_fallbacks") != null ? r.strings("default_fallbacks")
        : l.strings("default_fallbacks");
    b.defaultFallbacks(defaults);
    Integer maxFallbacks = count(r, "max_fallbacks");
    if (maxFallbacks != null) {
      b.maxFallbacks(maxFallbacks);
    }
    b.enablePreCallChecks(Boolean.TRUE.equals(r.bool("enable_pre_call_checks")));
    aliases(r, b);
    b.enableTagFiltering(Boolean.TRUE.equals(r.bool("enable_tag_filtering")));
    Boolean matchAny = r.bool("tag_filtering_match_any");
    if (matchAny != null) {
      b.tagFilteringMatchAny(matchAny);
    }
    // read for their types only: the shared Redis is found by dev.tollgate.gateway.shared.RedisConfig
    r.string("redis_host");
    r.whole("redis_port");
    r.string("redis_password");
    r.string("redis_url");
    return b.build();
  }

  private static Integer count(Fields f, String key) {
    Integer n = f.integer(key);
    if (n != null && n < 0) {
      throw ConfigException.at(f.map().get(key).origin(), f.path(key), "must be 0 or more, got " + n);
    }
    return n;
  }

  private static Double nonNegative(Fields f, String key) {
    Double d = f.decimal(key);
    if (d != null && d < 0) {
      throw ConfigException.at(f.map().get(key).origin(), f.path(key), "must be 0 or more, got " + d);
    }
    return d;
  }

  private static Duration seconds(Fields f, String key) {
    Double s = nonNegative(f, key);
    return s == null ? null : Duration.ofMillis(Math.round(s * 1000));
  }

  /** {@code {ExceptionNameRetries: n}}: names LiteLLM defines, counts 0 or more. */
  private static Map<String, Integer> policy(Fields f, String key, Set<String> names) {
    MapNode m = f.mapping(key);
    return m == null ? Map.of() : policyOf(m, f.path(key), names);
  }

  private static Map<String, Integer> policyOf(MapNode m, String path, Set<String> names) {
    Fields p = new Fields(m, path);
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String name : m.entries().keySet()) {
      if (!names.contains(name)) {
        throw ConfigException.at(m.get(name).origin(), p.path(name),
            "is not a field LiteLLM defines here (use one of " + new java.util.TreeSet<>(names) + ")");
      }
      Integer n = count(p, name);
      if (n != null) {
        out.put(name, n);
      }
    }
    return out;
  }

  private static Map<String, Map<String, Integer>> groupPolicies(Fields f) {
    MapNode m = f.mapping("model_group_retry_policy");
    if (m == null) {
      return Map.of();
    }
    Fields groups = new Fields(m, f.path("model_group_retry_policy"));
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String group : m.entries().keySet()) {
      MapNode policy = groups.mapping(group);
      if (policy != null) {
        out.put(group, policyOf(policy, groups.path(group), RETRY_POLICY_KEYS));
      }
    }
    return out;
  }

  /**
   * LiteLLM's shape {@code [{"gpt-4": ["gpt-3.5"]}, {"*": ["fb"]}]}: a list of one-key mappings from a model group to
   * the groups tried after it, in order. {@code router_settings} wins over {@code litellm_settings} for the whole key.
   */
  private static Map<String, List<String>> fallbacks(Fields router, Fields litellm, String key) {
    Fields f = router.map().get(key) != null && !isNull(router.map().get(key)) ? router : litellm;
    ConfigNode node = f.map().get(key);
    if (node == null || isNull(node)) {
      return Map.of();
    }
    String path = f.path(key);
    if (!(node instanceof ListNode list)) {
      throw ConfigException.at(node.origin(), path,
          "must be a list of {model_group: [fallback groups]} mappings, got " + node.describe());
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < list.items().size(); i++) {
      ConfigNode item = list.items().get(i);
      String itemPath = path + "[" + i + "]";
      if (isNull(item)) {
        continue;
      }
      if (!(item instanceof MapNode entry)) {
        throw ConfigException.at(item.origin(), itemPath,
            "must be a mapping {model_group: [fallback groups]}, got " + item.describe());
      }
      Fields groups = new Fields(entry, itemPath);
      for (String group : entry.entries().keySet()) {
        List<String> targets = groups.strings(group);
        if (targets != null) {
          out.computeIfAbsent(group, g -> new ArrayList<>()).addAll(targets);
        }
      }
    }
    return out;
  }

  /** {@code {"alias": "group"}} or {@code {"alias": {"model": "group", "hidden": true}}}. */
  private static void aliases(Fields f, RouterOptions.Builder b) {
    MapNode m = f.mapping("model_group_alias");
    if (m == null) {
      return;
    }
    Fields a = new Fields(m, f.path("model_group_alias"));
    Map<String, String> aliases = new LinkedHashMap<>();
    Set<String> hidden = new HashSet<>();
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      String alias = e.getKey();
      ConfigNode v = e.getValue();
      if (isNull(v)) {
        continue;
      }
      if (v instanceof MapNode target) {
        Fields t = new Fields(target, a.path(alias));
        String model = t.string("model");
        if (model == null || model.isBlank()) {
          throw ConfigException.at(target.origin(), a.path(alias), "has no model (the model group it stands for)");
        }
        aliases.put(alias, model);
        if (Boolean.TRUE.equals(t.bool("hidden"))) {
          hidden.add(alias);
        }
      } else {
        String model = a.string(alias);
        aliases.put(alias, model);
      }
    }
    b.modelGroupAlias(aliases);
    b.hiddenAliases(hidden);
  }

  private static boolean isNull(ConfigNode n) {
    return n instanceof ScalarNode s && s.isNull();
  }
}
