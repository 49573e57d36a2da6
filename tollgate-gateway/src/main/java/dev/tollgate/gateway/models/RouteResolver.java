package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.providers.ModelRef;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.Provider;
import java.util.Map;

/**
 * Turns the router's pick into a {@link Route}: the deployment's provider adapter and its call target with the
 * provider, upstream model and credentials resolved (environment fallbacks included). Choosing the deployment is the
 * core router's job ({@link dev.tollgate.core.router.Router}); this class only resolves what was chosen. Immutable,
 * one per model snapshot.
 */
public final class RouteResolver {
  private final ProviderRegistry registry;
  private final Map<String, String> env;
  private final CostCalculator costs;

  public RouteResolver(ProviderRegistry registry, Map<String, String> env) {
    this(registry, env, CostCalculator.builtIn());
  }

  /** @param costs the price table the routes' calls are billed with */
  public RouteResolver(ProviderRegistry registry, Map<String, String> env, CostCalculator costs) {
    this.registry = registry;
    this.env = Map.copyOf(env);
    this.costs = costs;
  }

  /** The price table of this snapshot: built-in, or a price file laid over it. */
  public CostCalculator costs() {
    return costs;
  }

  /** Resolves a deployment's provider and credentials; throws BadRequest for an unknown provider. */
  public Route resolve(ModelGroups.Pick pick) {
    Deployment d = pick.deployment();
    String litellmModel = pick.litellmModel();
    ModelRef ref = d.customLlmProvider() != null
        ? new ModelRef(d.customLlmProvider(), stripPrefix(litellmModel, d.customLlmProvider()))
        : ModelRef.parse(litellmModel, registry);
    CallTarget base = d.template();
    CallTarget target = base.forModel(ref.provider(), ref.model());
    if (MockResponder.PROVIDER.equals(ref.provider())) {
      return new Route(d, null, target);
    }
    Provider provider = registry.find(ref.provider()).orElseThrow(() -> new BadRequestException(
        "deployment '" + d.modelName() + "' uses provider '" + ref.provider() + "', which Tollgate does not know",
        ref.provider(), ref.model()));
    return new Route(d, provider, provider.resolve(target, env));
  }

  private static String stripPrefix(String model, String provider) {
    return model.startsWith(provider + "/") ? model.substring(provider.length() + 1) : model;
  }
}
