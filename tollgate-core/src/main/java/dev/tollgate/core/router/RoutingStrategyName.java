package dev.tollgate.core.router;

import java.util.Arrays;
import java.util.Locale;

/** The values of {@code router_settings.routing_strategy}. */
public enum RoutingStrategyName {
  SIMPLE_SHUFFLE("simple-shuffle"),
  LEAST_BUSY("least-busy"),
  LATENCY_BASED("latency-based-routing"),
  USAGE_BASED_V2("usage-based-routing-v2"),
  COST_BASED("cost-based-routing");

  private final String configName;

  RoutingStrategyName(String configName) {
    this.configName = configName;
  }

  /** The name as written in config. */
  public String configName() {
    return configName;
  }

  /**
   * Parses a config value; {@code usage-based-routing} (LiteLLM's older variant) means v2. Throws
   * IllegalArgumentException naming the accepted values for anything else.
   */
  public static RoutingStrategyName parse(String value) {
    if (value == null || value.isBlank()) {
      return SIMPLE_SHUFFLE;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("usage-based-routing")) {
      return USAGE_BASED_V2;
    }
    for (RoutingStrategyName n : values()) {
      if (n.configName.equals(v)) {
        return n;
      }
    }
    throw new IllegalArgumentException("routing_strategy '" + value + "' is not supported; use one of "
        + Arrays.stream(values()).map(RoutingStrategyName::configName).toList());
  }
}
