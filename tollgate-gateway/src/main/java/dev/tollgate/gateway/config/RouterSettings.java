package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code router_settings}. Keys without a typed field (e.g. {@code redis_host}, {@code retry_policy},
 * {@code enable_pre_call_checks}) are kept in {@link #extra()}; null fields mean "not set, use the default".
 *
 * @param routingStrategy e.g. {@code simple-shuffle} (LiteLLM's default), {@code usage-based-routing-v2}
 * @param timeout seconds
 * @param cooldownTime seconds
 * @param modelGroupAlias raw {@code {"alias": "group"}} or {@code {"alias": {"model": "group", "hidden": true}}}
 */
public record RouterSettings(
    String routingStrategy,
    Integer numRetries,
    Double timeout,
    Integer allowedFails,
    Double cooldownTime,
    JsonNode modelGroupAlias,
    Map<String, JsonNode> extra) {

  static final Set<String> TYPED_KEYS =
      Set.of("routing_strategy", "num_retries", "timeout", "allowed_fails", "cooldown_time", "model_group_alias");

  private static final RouterSettings EMPTY = new RouterSettings(null, null, null, null, null, null, Map.of());

  public RouterSettings {
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static RouterSettings empty() {
    return EMPTY;
  }

  static RouterSettings bind(Fields f) {
    return new RouterSettings(
        f.string("routing_strategy"),
        f.integer("num_retries"),
        f.decimal("timeout"),
        f.integer("allowed_fails"),
        f.decimal("cooldown_time"),
        f.raw("model_group_alias"),
        f.map().toJsonMap(TYPED_KEYS));
  }

  /** Prints key names only for {@link #extra()}: it may hold {@code redis_password}. */
  @Override
  public String toString() {
    return "RouterSettings[routingStrategy="
        + routingStrategy
        + ", numRetries="
        + numRetries
        + ", timeout="
        + timeout
        + ", allowedFails="
        + allowedFails
        + ", cooldownTime="
        + cooldownTime
        + ", modelGroupAlias="
        + modelGroupAlias
        + ", extraKeys="
        + extra.keySet()
        + "]";
  }
}
