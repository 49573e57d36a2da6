package dev.tollgate.gateway.models;

import dev.tollgate.providers.spi.CallTarget;

/**
 * One configured deployment: its public model name, its id ({@code model_info.id}), the LiteLLM model string
 * ({@code groq/llama-3.1-8b-instant}, {@code openai/*}, {@code *}) and a call-target template holding credentials,
 * endpoint, timeout and default params (provider and model are filled per request by {@link Router}).
 */
public record Deployment(
    String modelName, String id, String litellmModel, String customLlmProvider, CallTarget template) {

  public boolean isWildcard() {
    return modelName.contains("*");
  }
}
