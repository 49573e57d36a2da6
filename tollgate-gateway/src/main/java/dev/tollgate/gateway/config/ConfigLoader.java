package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigNode.ListNode;
import dev.tollgate.gateway.config.ConfigNode.MapNode;
import dev.tollgate.gateway.config.ConfigNode.Origin;
import dev.tollgate.gateway.config.ConfigNode.ScalarNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a LiteLLM-format {@code config.yaml} into a {@link ProxyConfig}.
 *
 * <p>In order: the YAML is read keeping line numbers; {@code include:} files (paths relative to the including file)
 * are merged in; {@code environment_variables} are overlaid on the environment; every {@code os.environ/NAME} string
 * is resolved against that environment; sections are bound and validated. Problems a person has to fix throw {@link
 * ConfigException} naming the file, line and field. Unknown keys and unset variables are logged once at WARN and are
 * not fatal.
 *
 * <p>Include merge rule: for each top-level key of an included file, lists are appended after the including file's
 * items (so {@code model_list}s concatenate), mappings are merged key by key with the including file winning on a
 * clash, and any other value is taken only if the including file does not set the key.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {}

  /** Loads {@code file}, resolving {@code os.environ/} against the process environment. */
  public static ProxyConfig load(Path file) {
    return load(file, System.getenv());
  }

  /** Loads {@code file}, resolving {@code os.environ/} against {@code env} instead of the process environment. */
  public static ProxyConfig load(Path file, Map<String, String> env) {
    String source = file.toString();
    MapNode root = readFile(file, source, null, new ArrayList<>());
    return bind(root, source, env);
  }

  /**
   * Parses YAML text. {@code sourceName} is used in messages and, when it is a path, as the base for relative
   * {@code include:} paths (otherwise the working directory is).
   */
  public static ProxyConfig parse(String yaml, String sourceName, Map<String, String> env) {
    Path base;
    try {
      base = Path.of(sourceName).toAbsolutePath().getParent();
    } catch (InvalidPathException e) {
      base = Path.of("").toAbsolutePath();
    }
    List<Path> chain = new ArrayList<>();
    MapNode root = readText(yaml, sourceName, base, chain);
    return bind(root, sourceName, env);
  }

  // ---- reading and includes ----

  private static MapNode readFile(Path file, String source, Origin includedFrom, List<Path> chain) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      String msg = "config file " + source + " does not exist (looked for " + file.toAbsolutePath() + ")";
      throw includedFrom == null ? new ConfigException(msg) : ConfigException.located(includedFrom, msg, e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + source + ": " + e.getMessage(), e);
    }
    Path real = file.toAbsolutePath().normalize();
    chain.add(real);
    try {
      return readText(text, source, real.getParent(), chain);
    } finally {
      chain.remove(chain.size() - 1);
    }
  }

  private static MapNode readText(String text, String source, Path baseDir, List<Path> chain) {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    ConfigNode root = YamlTreeReader.read(text, source);
    if (root == null) {
      return new MapNode(new Origin(source, 1));
    }
    if (!(root instanceof MapNode map)) {
      throw ConfigException.located(
          root.origin(),
          "the top level must be a mapping of sections (model_list:, litellm_settings:, ...), got " + root.describe(),
          null);
    }
    processIncludes(map, source, baseDir, chain);
    return map;
  }

  private static void processIncludes(MapNode root, String source, Path baseDir, List<Path> chain) {
    ConfigNode include = root.entries().remove("include");
    if (include == null || include instanceof ScalarNode s && s.isNull()) {
      return;
    }
    List<ConfigNode> items = include instanceof ListNode l ? l.items() : List.of(include);
    for (int i = 0; i < items.size(); i++) {
      ConfigNode item = items.get(i);
      String path = include instanceof ListNode ? "include[" + i + "]" : "include";
      if (!(item instanceof ScalarNode s && s.value().isTextual())) {
        throw ConfigException.at(item.origin(), path, "must be a file path, got " + item.describe());
      }
      String name = s.value().textValue();
      Path file = baseDir.resolve(name).normalize();
      if (chain.contains(file.toAbsolutePath())) {
        throw ConfigException.at(item.origin(), path, "includes \"" + name + "\", which is already being included (a cycle)");
      }
      if (!Files.exists(file)) {
        throw ConfigException.at(
            item.origin(), path, "names the file \"" + name + "\", which does not exist (looked for " + file + ")");
      }
      String includedSource = Path.of(source).resolveSibling(name).normalize().toString();
      MapNode included = readFile(file, includedSource, item.origin(), chain);
      merge(root, included);
    }
  }

  private static void merge(MapNode into, MapNode from) {
    from.entries()
        .forEach(
            (key, value) -> {
              ConfigNode existing = into.get(key);
              if (existing == null || existing instanceof ScalarNode s && s.isNull()) {
                into.entries().put(key, value);
              } else if (existing instanceof ListNode a && value instanceof ListNode b) {
                a.items().addAll(b.items());
              } else if (existing instanceof MapNode a && value instanceof MapNode b) {
                b.entries().forEach(a.entries()::putIfAbsent);
              }
            });
  }

  // ---- binding ----

  private static ProxyConfig bind(MapNode root, String source, Map<String, String> baseEnv) {
    List<String> unknown = new ArrayList<>();
    for (String key : root.entries().keySet()) {
      if (!KnownKeys.of(KnownKeys.TOP_LEVEL).contains(key)) {
        unknown.add(key);
      }
    }

    // environment_variables first: they are part of the environment every os.environ/ reference sees.
    EnvResolver baseResolver = new EnvResolver(baseEnv);
    Map<String, String> envVars = environmentVariables(root, baseResolver);
    Map<String, String> environment = new LinkedHashMap<>(baseEnv);
    environment.putAll(envVars);

    EnvResolver resolver = new EnvResolver(environment);
    root.entries().replaceAll((k, v) -> k.equals("environment_variables") ? v : resolver.resolve(v, k));
    Map<String, List<String>> missing = new LinkedHashMap<>(baseResolver.missing());
    resolver.missing().forEach((k, v) -> missing.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));

    Fields top = new Fields(root, "");
    List<DeploymentConfig> models = modelList(root, unknown);
    MapNode ls = top.mapping("litellm_settings");
    MapNode rs = top.mapping("router_settings");
    MapNode gs = top.mapping("general_settings");
    collectUnknown(ls, "litellm_settings", KnownKeys.LITELLM_SETTINGS, unknown);
    collectUnknown(rs, "router_settings", KnownKeys.ROUTER_SETTINGS, unknown);
    collectUnknown(gs, "general_settings", KnownKeys.GENERAL_SETTINGS, unknown);

    ProxyConfig config =
        new ProxyConfig(
            models,
            ls == null ? LitellmSettings.empty() : LitellmSettings.bind(new Fields(ls, "litellm_settings")),
            rs == null ? RouterSettings.empty() : RouterSettings.bind(new Fields(rs, "router_settings")),
            gs == null
                ? GeneralSettings.fromEnv(environment)
                : GeneralSettings.bind(new Fields(gs, "general_settings"), environment),
            guardrails(root),
            envVars,
            unknown,
            environment,
            RouterOptionsBinder.bind(rs, ls));

    missing.forEach(
        (name, paths) ->
            LOG.warn(
                "{}: environment variable {} is not set; using no value for {}", source, name, String.join(", ", paths)));
    if (!unknown.isEmpty()) {
      LOG.warn(
          "{}: ignoring keys that LiteLLM's config format does not define: {}", source, String.join(", ", unknown));
    }
    return config;
  }

  private static Map<String, String> environmentVariables(MapNode root, EnvResolver resolver) {
    MapNode section = new Fields(root, "").mapping("environment_variables");
    Map<String, String> out = new LinkedHashMap<>();
    if (section == null) {
      return out;
    }
    section.entries()
        .forEach(
            (key, value) -> {
              String path = "environment_variables." + key;
              ConfigNode resolved = resolver.resolve(value, path);
              if (!(resolved instanceof ScalarNode s)) {
                throw ConfigException.at(value.origin(), path, "must be a single value, got " + value.describe());
              }
              JsonNode v = s.value();
              if (v.isNull()) {
                return;
              }
              // As Python's str(): True/False, numbers as written.
              out.put(key, v.isBoolean() ? (v.booleanValue() ? "True" : "False") : v.asText());
            });
    return out;
  }

  private static List<DeploymentConfig> modelList(MapNode root, List<String> unknown) {
    ConfigNode node = root.get("model_list");
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return List.of();
    }
    if (!(node instanceof ListNode list)) {
      throw ConfigException.at(
          node.origin(), "model_list", "must be a list of deployments (lines starting with \"- model_name:\"), got " + node.describe());
    }
    List<DeploymentConfig> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      out.add(deployment(list.items().get(i), "model_list[" + i + "]", unknown));
    }
    return out;
  }

  private static DeploymentConfig deployment(ConfigNode node, String path, List<String> unknown) {
    if (!(node instanceof MapNode entry)) {
      throw ConfigException.at(
          node.origin(), path, "must be a mapping with model_name and litellm_params, got " + node.describe());
    }
    collectUnknown(entry, path, KnownKeys.MODEL_LIST_ENTRY, unknown);
    Fields f = new Fields(entry, path);
    String modelName = f.string("model_name");
    if (modelName == null || modelName.isBlank()) {
      throw ConfigException.at(entry.origin(), path, "has no model_name");
    }
    MapNode paramsNode = f.mapping("litellm_params");
    if (paramsNode == null) {
      throw ConfigException.at(entry.origin(), path, "(" + modelName + ") has no litellm_params.model");
    }
    Fields params = new Fields(paramsNode, path + ".litellm_params");
    String model = params.string("model");
    if (model == null || model.isBlank()) {
      throw ConfigException.at(paramsNode.origin(), path, "(" + modelName + ") has no litellm_params.model");
    }
    MapNode info = f.mapping("model_info");
    if (info != null) {
      new Fields(info, path + ".model_info").integer("max_input_tokens"); // checked here, read by the router
    }
    return new DeploymentConfig(
        modelName,
        LitellmParams.bind(params, f.whole("rpm"), f.whole("tpm")),
        info == null ? ModelInfo.empty() : new ModelInfo(info.toJsonMap(java.util.Set.of())));
  }

  private static List<JsonNode> guardrails(MapNode root) {
    ConfigNode node = root.get("guardrails");
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return List.of();
    }
    if (!(node instanceof ListNode list)) {
      throw ConfigException.at(
          node.origin(), "guardrails", "must be a list (lines starting with \"- guardrail_name:\"), got " + node.describe());
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      ConfigNode item = list.items().get(i);
      if (!(item instanceof MapNode)) {
        throw ConfigException.at(item.origin(), "guardrails[" + i + "]", "must be a mapping, got " + item.describe());
      }
      out.add(item.toJson());
    }
    return out;
  }

  private static void collectUnknown(MapNode section, String path, String knownSection, List<String> unknown) {
    if (section == null) {
      return;
    }
    for (String key : section.entries().keySet()) {
      if (!KnownKeys.of(knownSection).contains(key)) {
        unknown.add(path + "." + key);
      }
    }
  }
}
