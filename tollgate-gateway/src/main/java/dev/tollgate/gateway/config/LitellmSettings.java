package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code litellm_settings}: module-level SDK settings. Keys without a typed field (e.g. {@code success_callback},
 * {@code default_team_settings}, {@code max_budget}) are kept in {@link #extra()}.
 *
 * @param dropParams drop params the provider does not support instead of failing (default false)
 * @param numRetries SDK retries per call, or null
 * @param requestTimeout seconds, or null (LiteLLM's default is 6000; chat completion falls back to 600)
 * @param fallbacks {@code [{"group": ["fb1", "fb2"]}]}, raw, or null
 * @param cacheParams raw {@code cache_params} mapping, or null
 * @param callbacks raw {@code callbacks} list, or null
 */
public record LitellmSettings(
    boolean dropParams,
    Integer numRetries,
    Double requestTimeout,
    Boolean setVerbose,
    JsonNode fallbacks,
    JsonNode contextWindowFallbacks,
    JsonNode defaultFallbacks,
    Boolean cache,
    JsonNode cacheParams,
    JsonNode callbacks,
    Map<String, JsonNode> extra) {

  static final Set<String> TYPED_KEYS =
      Set.of(
          "drop_params", "num_retries", "request_timeout", "set_verbose", "fallbacks", "context_window_fallbacks",
          "default_fallbacks", "cache", "cache_params", "callbacks");

  private static final LitellmSettings EMPTY =
      new LitellmSettings(false, null, null, null, null, null, null, null, null, null, Map.of());

  public LitellmSettings {
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static LitellmSettings empty() {
    return EMPTY;
  }

  static LitellmSettings bind(Fields f) {
    Boolean dropParams = f.bool("drop_params");
    return new LitellmSettings(
        dropParams != null && dropParams,
        f.integer("num_retries"),
        f.decimal("request_timeout"),
        f.bool("set_verbose"),
        f.raw("fallbacks"),
        f.raw("context_window_fallbacks"),
        f.raw("default_fallbacks"),
        f.bool("cache"),
        f.raw("cache_params"),
        f.raw("callbacks"),
        f.map().toJsonMap(TYPED_KEYS));
  }

  /** Prints key names only for raw sections: cache_params and callbacks settings may hold credentials. */
  @Override
  public String toString() {
    return "LitellmSettings[dropParams="
        + dropParams
        + ", numRetries="
        + numRetries
        + ", requestTimeout="
        + requestTimeout
        + ", cache="
        + cache
        + ", cacheParams="
        + (cacheParams == null ? "null" : "{...}")
        + ", extraKeys="
        + extra.keySet()
        + "]";
  }
}
