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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the deployment for a public model name and resolves its provider and credentials. Until the router issue
 * lands, a group's deployment is chosen uniformly at random.
 */
public final class Router {
  private final ModelGroups groups;
  private final ProviderRegistry registry;
  private final Map<String, String> env;
  private final CostCalculator costs;

  public Router(List<Deployment> deployments, ProviderRegistry registry, Map<String, String> env) {
    this(deployments, registry, env, CostCalculator.builtIn());
  }

  /** @param costs the price table the routes' calls are billed with */
  public Router(List<Deployment> deployments, ProviderRegistry registry, Map<String, String> env,
      CostCalculator costs) {
    this.groups = new ModelGroups(deployments);
    this.registry = registry;
    this.env = Map.copyOf(env);
    this.costs = costs;
  }

  /** The price table of this snapshot: built-in, or a price file laid over it. */
  public CostCalculator costs() {
    return costs;
  }

  public ModelGroups groups() {
    return groups;
  }

  /** The route for a requested model; empty when no group (or wildcard) matches. */
  public Optional<Route> route(String model) {
    return groups.pick(model).map(this::resolve);
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
