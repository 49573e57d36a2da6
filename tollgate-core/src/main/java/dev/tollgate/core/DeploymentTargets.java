package dev.tollgate.core;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.providers.ModelRef;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.Provider;
import java.util.Map;

/**
 * Turns the router's pick into a call target: the deployment's LiteLLM model string (with a wildcard's match filled
 * in) names the provider, unless the deployment sets {@code custom_llm_provider}; the deployment's template supplies
 * credentials, endpoint, timeout, headers and default params; the provider fills in what is missing from the
 * environment. The same resolution the gateway does for its routes, here for the SDK's {@link RouterClient}.
 */
public final class DeploymentTargets {
  private final ProviderRegistry registry;
  private final Map<String, String> env;

  public DeploymentTargets(ProviderRegistry registry, Map<String, String> env) {
    this.registry = registry;
    this.env = Map.copyOf(env);
  }

  /** Resolves a pick; throws {@link BadRequestException} for a provider Tollgate does not know. */
  public ResolvedTarget resolve(ModelGroups.Pick pick) {
    Deployment d = pick.deployment();
    String litellmModel = pick.litellmModel();
    ModelRef ref = d.customLlmProvider() != null
        ? new ModelRef(d.customLlmProvider(), stripPrefix(litellmModel, d.customLlmProvider()))
        : ModelRef.parse(litellmModel, registry);
    CallTarget base = d.template();
    CallTarget target = base.forModel(ref.provider(), ref.model());
    if (MockResponder.PROVIDER.equals(ref.provider())) {
      return new ResolvedTarget(d, null, target);
    }
    Provider provider = registry.find(ref.provider()).orElseThrow(() -> new BadRequestException(
        "deployment '" + d.modelName() + "' uses provider '" + ref.provider() + "', which Tollgate does not know",
        ref.provider(), ref.model()));
    return new ResolvedTarget(d, provider, provider.resolve(target, env));
  }

  private static String stripPrefix(String model, String provider) {
    return model.startsWith(provider + "/") ? model.substring(provider.length() + 1) : model;
  }
}
