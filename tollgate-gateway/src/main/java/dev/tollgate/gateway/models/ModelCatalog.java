package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.core.router.Router;
import dev.tollgate.core.router.RouterOptions;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.core.router.StrategySelector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.gateway.DeploymentFactory;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.DeploymentConfig;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deployment the gateway serves: the config file's {@code model_list} first, then the models stored in
 * {@code tg_models}; the core {@link Router} over all of them (with the config's {@link RouterOptions} and the
 * process's {@link RouterState}, which outlives every catalog so that cooldowns and per-minute counts survive
 * reloads); and the {@link RouteResolver} that turns the router's picks into calls. Immutable: a change to the stored
 * models builds a new catalog ({@link #withStored}) that the gateway swaps in whole.
 */
public final class ModelCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
  private final List<ModelEntry> fromConfig;
  private final List<ModelEntry> fromDatabase;
  private final Map<String, String> env;
  private final Duration defaultTimeout;
  private final SecretBox secrets;
  private final CostCalculator costs;
  private final RouterOptions options;
  private final RouterState state;
  private final ModelGroups groups;
  private final Router router;
  private final RouteResolver routes;
  private final AccessGroups accessGroups;

  private ModelCatalog(List<ModelEntry> fromConfig, List<ModelEntry> fromDatabase, Map<String, String> env,
      Duration defaultTimeout, SecretBox secrets, CostCalculator costs, RouterOptions options, RouterState state) {
    this.fromConfig = List.copyOf(fromConfig);
    this.fromDatabase = List.copyOf(fromDatabase);
    this.env = Map.copyOf(env);
    this.defaultTimeout = defaultTimeout;
    this.secrets = secrets;
    this.costs = costs;
    this.options = options;
    this.state = state;
    List<Deployment> all = new ArrayList<>();
    all().forEach(e -> all.add(e.deployment()));
    this.groups = new ModelGroups(all);
    // the snapshot's price table (a price file included) prices cost-based routing and gives context windows
    this.router = new Router(all, options, state, EventLoopScheduler.INSTANCE,
        StrategySelector.of(options, state, costs, null), System::currentTimeMillis, null);
    this.routes = new RouteResolver(ProviderRegistry.defaults(), env, costs);
    this.accessGroups = AccessGroups.of(all(), groups);
  }

  /** The config file's deployments only, priced with the built-in table, default router options, state in memory. */
  public static ModelCatalog fromConfig(List<DeploymentConfig> modelList, Map<String, String> env,
      Duration defaultTimeout, SecretBox secrets) {
    return fromConfig(modelList, env, defaultTimeout, secrets, CostCalculator.builtIn(), RouterOptions.defaults(),
        new InMemoryRouterState());
  }

  /**
   * The config file's deployments only.
   *
   * @param costs the price table ({@link dev.tollgate.gateway.PriceSource})
   * @param options the config's router settings
   * @param state where cooldowns and usage live; the gateway swaps in the process's own with {@link #withRouterState}
   */
  public static ModelCatalog fromConfig(List<DeploymentConfig> modelList, Map<String, String> env,
      Duration defaultTimeout, SecretBox secrets, CostCalculator costs, RouterOptions options, RouterState state) {
    List<ModelEntry> entries = new ArrayList<>();
    for (DeploymentConfig c : modelList) {
      entries.add(new ModelEntry(c, DeploymentFactory.create(c, defaultTimeout), null));
    }
    return new ModelCatalog(entries, List.of(), env, defaultTimeout, secrets, costs, options, state);
  }

  /** This catalog over {@code next} (the process's router state); itself when it already uses it. */
  public ModelCatalog withRouterState(RouterState next) {
    return next == state ? this
        : new ModelCatalog(fromConfig, fromDatabase, env, defaultTimeout, secrets, costs, options, next);
  }

  /** This catalog's config deployments plus {@code rows}; a row that no longer builds is skipped with a warning. */
  public ModelCatalog withStored(List<StoredModel> rows) {
    List<ModelEntry> stored = new ArrayList<>();
    for (StoredModel row : rows) {
      try {
        stored.add(build(row.modelName(), secrets.open(row.litellmParams()), row.modelInfo(), row));
      } catch (RuntimeException e) {
        LOG.warn("model {} ({}) from the database is not served: {}", row.modelId(), row.modelName(), e.getMessage());
      }
    }
    return new ModelCatalog(fromConfig, stored, env, defaultTimeout, secrets, costs, options, state);
  }

  /**
   * Checks a model the API is about to store and builds it as it would be served.
   *
   * @param params {@code litellm_params} in plaintext
   * @param info {@code model_info}, with its {@code id}
   * @throws InvalidModelException when it would not build or names a provider Tollgate does not know
   */
  public ModelEntry check(String modelName, ObjectNode params, ObjectNode info) {
    return build(modelName, params, info, null);
  }

  private ModelEntry build(String modelName, ObjectNode params, ObjectNode info, StoredModel row) {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("model_list");
    ObjectNode entry = list.addObject();
    entry.put("model_name", modelName);
    entry.set("litellm_params", params);
    entry.set("model_info", info);
    DeploymentConfig config;
    Deployment deployment;
    try {
      // JSON is YAML: the config loader binds, resolves os.environ/ references and checks exactly as for model_list
      config = ConfigLoader.parse(Json.writeString(root), "model", env).modelList().get(0);
      deployment = DeploymentFactory.create(config, defaultTimeout);
    } catch (ConfigException e) {
      throw new InvalidModelException(withoutConfigPosition(e.getMessage()));
    }
    ProviderCheck.check(deployment, env);
    return new ModelEntry(config, deployment, row);
  }

  /** "model line 1: model_list[0].litellm_params.timeout must ..." reads "litellm_params.timeout must ...". */
  static String withoutConfigPosition(String message) {
    return message.replaceFirst("^model line \\d+: ", "").replace("model_list[0].", "").replace("model_list[0] ", "");
  }

  /** The core router over every deployment: strategy, retries, cooldowns, fallbacks. */
  public Router router() {
    return router;
  }

  /** Resolves the router's picks into provider calls, and prices them. */
  public RouteResolver routes() {
    return routes;
  }

  /** The deployments by model group (without aliases), for listings and access checks. */
  public ModelGroups groups() {
    return groups;
  }

  /**
   * The names {@code /v1/models} lists: every model group, then each {@code model_group_alias} not marked
   * {@code hidden} that is not also a group.
   */
  public List<String> listedNames() {
    List<String> names = new ArrayList<>(groups.names());
    options.modelGroupAlias().keySet().stream().sorted()
        .filter(alias -> !options.hiddenAliases().contains(alias) && !names.contains(alias))
        .forEach(names::add);
    return names;
  }

  public RouterOptions routerOptions() {
    return options;
  }

  public RouterState routerState() {
    return state;
  }

  /** The deployments' {@code model_info.access_groups}, computed once for this catalog. */
  public AccessGroups accessGroups() {
    return accessGroups;
  }

  /** Config deployments first, then stored ones, each in order. */
  public List<ModelEntry> all() {
    List<ModelEntry> out = new ArrayList<>(fromConfig);
    out.addAll(fromDatabase);
    return out;
  }

  public Optional<ModelEntry> find(String id) {
    return all().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public SecretBox secrets() {
    return secrets;
  }

  public Map<String, String> env() {
    return env;
  }
}
