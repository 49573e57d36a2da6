package dev.tollgate.core.router.strategy;

import dev.tollgate.core.router.RouterOptions;

/** The strategy a router's options name. */
public final class RoutingStrategies {
  private RoutingStrategies() {}

  public static RoutingStrategy of(RouterOptions options) {
    return switch (options.strategy()) {
      case SIMPLE_SHUFFLE -> new SimpleShuffle();
      case LEAST_BUSY -> new LeastBusy();
      case LATENCY_BASED -> new LowestLatency(options.lowestLatencyBuffer());
      case USAGE_BASED_V2 -> new LowestUsage();
      case COST_BASED -> new LowestCost();
    };
  }
}
