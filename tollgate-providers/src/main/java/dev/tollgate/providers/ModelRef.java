package dev.tollgate.providers;

/**
 * A parsed model string {@code provider/model}. A string whose prefix is not a known provider is an OpenAI model (as
 * LiteLLM treats {@code gpt-4o}); the model part may itself contain slashes ({@code openrouter/meta-llama/llama-3}).
 */
public record ModelRef(String provider, String model) {

  public static ModelRef parse(String modelString, ProviderRegistry registry) {
    if (modelString == null || modelString.isBlank()) {
      throw new IllegalArgumentException("model must not be empty");
    }
    int slash = modelString.indexOf('/');
    if (slash > 0) {
      String prefix = modelString.substring(0, slash);
      if (registry.has(prefix)) {
        return new ModelRef(prefix, modelString.substring(slash + 1));
      }
    }
    return new ModelRef("openai", modelString);
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
