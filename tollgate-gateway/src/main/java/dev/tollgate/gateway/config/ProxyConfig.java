package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.router.RouterOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded LiteLLM-format {@code config.yaml}, with includes merged and every {@code os.environ/NAME} resolved.
 *
 * @param modelList the deployments in file order (included files' entries after the including file's); a model group
 *     is every entry with the same {@link DeploymentConfig#modelName()}
 * @param guardrails the {@code guardrails} entries, raw (with {@code os.environ/} resolved)
 * @param environmentVariables the file's {@code environment_variables}, values as strings
 * @param unknownKeys dotted paths of keys LiteLLM does not define, e.g. {@code general_settings.foo_bar}; they are
 *     ignored (and logged once), never fatal
 * @param environment the environment the config was resolved against: the process env (or the map given to the loader)
 *     overlaid with {@code environment_variables}. Java cannot change the process env, so anything that reads an
 *     environment variable on behalf of the config must read it here.
 * @param routerOptions the router's settings: {@code router_settings}' routing keys over the routing keys of
 *     {@code litellm_settings}, checked and typed at load time
 */
public record ProxyConfig(
    List<DeploymentConfig> modelList,
    LitellmSettings litellmSettings,
    RouterSettings routerSettings,
    GeneralSettings generalSettings,
    List<JsonNode> guardrails,
    Map<String, String> environmentVariables,
    List<String> unknownKeys,
    Map<String, String> environment,
    RouterOptions routerOptions) {

  public ProxyConfig {
    modelList = modelList == null ? List.of() : List.copyOf(modelList);
    litellmSettings = litellmSettings == null ? LitellmSettings.empty() : litellmSettings;
    routerSettings = routerSettings == null ? RouterSettings.empty() : routerSettings;
    generalSettings = generalSettings == null ? GeneralSettings.fromEnv(Map.of()) : generalSettings;
    guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
    environmentVariables = copy(environmentVariables);
    unknownKeys = unknownKeys == null ? List.of() : List.copyOf(unknownKeys);
    environment = copy(environment);
    routerOptions = routerOptions == null ? RouterOptions.defaults() : routerOptions;
  }

  /** No models, default settings, empty environment. */
  public static ProxyConfig empty() {
    return new ProxyConfig(null, null, null, null, null, null, null, null, null);
  }

  /** The deployments whose {@code model_name} is exactly {@code modelName} (a model group), in file order. */
  public List<DeploymentConfig> deployments(String modelName) {
    return modelList.stream().filter(d -> d.modelName().equals(modelName)).toList();
  }

  /** Does not print the environment (it holds secrets). */
  @Override
  public String toString() {
    return "ProxyConfig[modelList="
        + modelList
        + ", litellmSettings="
        + litellmSettings
        + ", routerSettings="
        + routerSettings
        + ", generalSettings="
        + generalSettings
        + ", guardrails="
        + guardrails.size()
        + ", environmentVariables="
        + environmentVariables.keySet()
        + ", unknownKeys="
        + unknownKeys
        + "]";
  }

  private static Map<String, String> copy(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
