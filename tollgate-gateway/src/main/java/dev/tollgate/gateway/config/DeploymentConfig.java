package dev.tollgate.gateway.config;

import java.util.Objects;

/**
 * One {@code model_list} entry (a "deployment"). Several entries with the same {@link #modelName()} form a model group
 * that the router balances across. {@code tpm}/{@code rpm} written on the entry itself (the legacy placement, as in
 * LiteLLM's load_balancer.yaml) are folded into {@link LitellmParams#tpm()}/{@link LitellmParams#rpm()} when
 * {@code litellm_params} does not set them.
 *
 * @param modelName the public name clients send, possibly a wildcard such as {@code anthropic/*} or {@code *}
 */
public record DeploymentConfig(String modelName, LitellmParams litellmParams, ModelInfo modelInfo) {
  public DeploymentConfig {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(litellmParams, "litellmParams");
    modelInfo = modelInfo == null ? ModelInfo.empty() : modelInfo;
  }
}
