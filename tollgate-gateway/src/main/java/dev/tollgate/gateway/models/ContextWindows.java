package dev.tollgate.gateway.models;

import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.providers.ModelRef;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.prices.ModelPrice;

/**
 * Fills a deployment's context window for the router's pre-call checks from the price table when its
 * {@code model_info.max_input_tokens} does not give one, as LiteLLM falls back to its model cost map. Done once per
 * model snapshot, never per request.
 */
final class ContextWindows {
  private ContextWindows() {}

  /** The deployment with its context window known where the price table knows it; unchanged otherwise. */
  static Deployment filled(Deployment d, CostCalculator costs, ProviderRegistry registry) {
    DeploymentRouting r = d.routing();
    if (r.maxInputTokens() != null || d.litellmModel().contains("*")) {
      return d;
    }
    Integer window;
    try {
      ModelRef ref = d.customLlmProvider() != null
          ? new ModelRef(d.customLlmProvider(), d.litellmModel())
          : ModelRef.parse(d.litellmModel(), registry);
      String key = d.baseModel() != null ? d.baseModel() : ref.model();
      window = costs.prices().lookup(ref.provider(), key).map(ModelPrice::contextWindow).orElse(null);
    } catch (RuntimeException unknownProvider) {
      return d; // served (or refused) as before; the window stays unknown
    }
    if (window == null) {
      return d;
    }
    return d.withRouting(new DeploymentRouting(r.rpm(), r.tpm(), r.weight(), r.order(), r.tags(),
        r.maxParallelRequests(), r.timeout(), r.streamTimeout(), r.numRetries(), r.cooldownTime(), r.allowedFails(),
        window));
  }
}
