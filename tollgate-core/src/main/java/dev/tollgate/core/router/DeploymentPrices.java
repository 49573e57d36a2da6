package dev.tollgate.core.router;

import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.providers.prices.ModelPrice;

/**
 * A deployment's price entry for routing decisions (cost-based routing, the context window of pre-call checks): its
 * own {@code model_info} prices laid over the price table's entry for {@code base_model}, else for its LiteLLM model
 * string, looked up for the deployment's provider ({@code custom_llm_provider}, else the model string's prefix) as
 * the price table matches providers.
 */
final class DeploymentPrices {
  /** What LiteLLM's cost-based routing charges for a deployment missing from the price map. */
  static final double UNKNOWN_COST_PER_TOKEN = 1.0;

  private DeploymentPrices() {}

  /** The merged entry, or null when neither the deployment nor the table prices it. */
  static ModelPrice of(Deployment d, String wildcardMatch, CostCalculator costs) {
    String model = d.baseModel() != null ? d.baseModel() : d.litellmModel();
    if (model != null && model.indexOf('*') >= 0) {
      model = wildcardMatch == null ? null : model.replace("*", wildcardMatch);
    }
    ModelPrice base = null;
    if (model != null) {
      base = costs.price(provider(d, model), model).orElse(null);
    }
    ModelPrice own = d.price();
    return own == null ? base : own.over(base);
  }

  /** Input plus output price per token; {@link #UNKNOWN_COST_PER_TOKEN} when there is no token price. */
  static double costPerToken(ModelPrice price) {
    if (price == null || !price.hasTokenPrices()) {
      return UNKNOWN_COST_PER_TOKEN;
    }
    double in = price.inputCostPerToken() == null ? 0 : price.inputCostPerToken();
    double out = price.outputCostPerToken() == null ? 0 : price.outputCostPerToken();
    return in + out;
  }

  /**
   * The context window for pre-call checks: the deployment's {@code max_input_tokens}, else the price entry's; -1 when
   * unknown (never dropped).
   */
  static long contextWindow(Deployment d, ModelPrice price) {
    Integer own = d.routing().maxInputTokens();
    if (own != null) {
      return own;
    }
    Integer table = price == null ? null : price.contextWindow();
    return table == null ? -1 : table;
  }

  private static String provider(Deployment d, String model) {
    if (d.customLlmProvider() != null && !d.customLlmProvider().isBlank()) {
      return d.customLlmProvider();
    }
    if (d.template() != null && d.template().provider() != null) {
      return d.template().provider();
    }
    int slash = model.indexOf('/');
    return slash > 0 ? model.substring(0, slash) : null;
  }
}
