package dev.tollgate.core.router;

import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.spi.CallTarget;

/**
 * One configured deployment: its public model name, its id ({@code model_info.id}), the LiteLLM model string
 * ({@code groq/llama-3.1-8b-instant}, {@code openai/*}, {@code *}) and a call-target template holding credentials,
 * endpoint, timeout and default params (provider and model are filled per request from the router's pick).
 *
 * @param price the deployment's own prices ({@code input_cost_per_token} and friends from {@code model_info} or
 *     {@code litellm_params}), read once at load time; null when the config gives none
 * @param baseModel {@code model_info.base_model}: the price-table key to price calls by instead of the upstream model;
 *     null when absent
 * @param routing limits, weight, tier, tags and per-deployment overrides the router uses; never null
 */
public record Deployment(
    String modelName, String id, String litellmModel, String customLlmProvider, CallTarget template,
    ModelPrice price, String baseModel, DeploymentRouting routing) {

  public Deployment {
    routing = routing == null ? DeploymentRouting.NONE : routing;
  }

  public Deployment(String modelName, String id, String litellmModel, String customLlmProvider, CallTarget template) {
    this(modelName, id, litellmModel, customLlmProvider, template, null, null, DeploymentRouting.NONE);
  }

  public Deployment(String modelName, String id, String litellmModel, String customLlmProvider, CallTarget template,
      ModelPrice price, String baseModel) {
    this(modelName, id, litellmModel, customLlmProvider, template, price, baseModel, DeploymentRouting.NONE);
  }

  /** This deployment with other routing settings. */
  public Deployment withRouting(DeploymentRouting newRouting) {
    return new Deployment(modelName, id, litellmModel, customLlmProvider, template, price, baseModel, newRouting);
  }

  public boolean isWildcard() {
    return modelName.contains("*");
  }
}
