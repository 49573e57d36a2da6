package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ModelGroups;

import dev.tollgate.providers.ProviderRegistry;
import java.util.Map;

/**
 * Refuses a deployment whose provider Tollgate does not know. The config file is lenient (a model without a known
 * {@code provider/} prefix goes to OpenAI, as LiteLLM infers); a model added through the API must name its provider
 * ({@code <provider>/<model>} or {@code custom_llm_provider}) unless it has no prefix at all.
 */
final class ProviderCheck {
  private ProviderCheck() {}

  static void check(Deployment d, Map<String, String> env) {
    ProviderRegistry registry = ProviderRegistry.defaults();
    String provider = d.customLlmProvider();
    if (provider != null && !registry.has(provider)) {
      throw new InvalidModelException("litellm_params.custom_llm_provider '" + provider
          + "' is not a provider Tollgate knows");
    }
    String model = d.litellmModel();
    int slash = model.indexOf('/');
    if (provider == null && slash > 0 && !registry.has(model.substring(0, slash))) {
      throw new InvalidModelException("litellm_params.model '" + model + "' names the provider '"
          + model.substring(0, slash) + "', which Tollgate does not know; write <provider>/<model>, e.g. "
          + "openai/gpt-4o, or set custom_llm_provider");
    }
    try {
      new RouteResolver(registry, env).resolve(new ModelGroups.Pick(d, "probe"));
    } catch (RuntimeException e) {
      throw new InvalidModelException(e.getMessage());
    }
  }
}
