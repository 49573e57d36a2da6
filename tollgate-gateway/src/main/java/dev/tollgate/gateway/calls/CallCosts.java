package dev.tollgate.gateway.calls;

import dev.tollgate.core.cost.Cost;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.providers.types.Usage;

/**
 * Prices a call (a client call, or a guardrail's judge call): the snapshot's price table (built-in, or a price file
 * laid over it), with the deployment's own prices (read from its config at load time) laid over the table's entry;
 * {@code model_info.base_model} names the table entry when set. A model with no price costs 0.
 */
public final class CallCosts {
  private CallCosts() {}

  public static double cost(CostCalculator costs, Route route, Usage usage) {
    Deployment d = route.deployment();
    String model = d.baseModel() != null ? d.baseModel() : route.target().model();
    return costs.cost(route.providerName(), model, usage, d.price())
        .map(Cost::totalUsd).orElse(0.0);
  }
}
