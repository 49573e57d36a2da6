package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.keys.Durations;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link SsoSettings} from the environment (LiteLLM's variable names, see {@link SsoProviderReader}) and the
 * config's {@code general_settings.ui_access_mode} and {@code litellm_settings} ({@code default_internal_user_params},
 * {@code max_internal_user_budget}, {@code internal_user_budget_duration}, {@code max_ui_session_budget}).
 */
public final class SsoSettingsReader {
  private static final Logger LOG = LoggerFactory.getLogger(SsoSettingsReader.class);
  /** The fields of {@code default_internal_user_params} Tollgate applies; others are ignored with a warning. */
  private static final Set<String> USER_PARAMS = Set.of("user_role", "max_budget", "budget_duration", "models");

  private SsoSettingsReader() {}

  /**
   * @param env the environment the config was resolved against ({@code ProxyConfig.environment()})
   * @param litellmSettings {@code litellm_settings} keys without a typed field
   * @param generalSettings {@code general_settings} keys without a typed field
   */
  public static SsoSettings read(Map<String, String> env, Map<String, JsonNode> litellmSettings,
      Map<String, JsonNode> generalSettings) {
    SsoProvider provider = new SsoProviderReader(env).read();
    if (provider == null) {
      return SsoSettings.OFF;
    }
    String duration = value(env, "TOLLGATE_UI_SESSION_DURATION");
    if (duration != null && !Durations.isValid(duration)) {
      throw new ConfigException("TOLLGATE_UI_SESSION_DURATION: " + Durations.describe(duration));
    }
    SsoPolicy policy = new SsoPolicy(
        splitList(value(env, "ALLOWED_EMAIL_DOMAINS")),
        value(env, "PROXY_ADMIN_ID"),
        adminOnly(generalSettings.get("ui_access_mode")),
        roleMapping(env),
        newUsers(litellmSettings),
        duration,
        sessionBudget(litellmSettings));
    String base = value(env, "PROXY_BASE_URL");
    if (base != null) {
      SsoProviderReader.url("PROXY_BASE_URL", base);
      base = base.replaceAll("/+$", "");
    }
    return new SsoSettings(provider, policy, base, value(env, "PROXY_LOGOUT_URL"),
        "true".equalsIgnoreCase(value(env, "AUTO_REDIRECT_UI_LOGIN_TO_SSO")));
  }

  private static boolean adminOnly(JsonNode mode) {
    if (mode == null || mode.isNull()) {
      return false;
    }
    if (!mode.isTextual()) {
      throw new ConfigException("general_settings.ui_access_mode: only the string form (\"admin_only\" or "
          + "\"all\") is supported by Tollgate; the restricted_sso_group object is not");
    }
    return mode.asText().strip().equals("admin_only");
  }

  /** {@code GENERIC_ROLE_MAPPINGS_ROLES} (or {@code GENERIC_USER_ROLE_MAPPINGS}) with its group claim and default. */
  static RoleMapping roleMapping(Map<String, String> env) {
    String rolesText = value(env, "GENERIC_ROLE_MAPPINGS_ROLES");
    if (rolesText == null) {
      rolesText = value(env, "GENERIC_USER_ROLE_MAPPINGS");
    }
    String claim = value(env, "GENERIC_ROLE_MAPPINGS_GROUP_CLAIM");
    String defaultText = value(env, "GENERIC_ROLE_MAPPINGS_DEFAULT_ROLE");
    if (rolesText == null && defaultText == null) {
      return RoleMapping.NONE;
    }
    Map<Role, List<String>> roles = new LinkedHashMap<>();
    if (rolesText != null) {
      JsonNode parsed = dict(rolesText);
      for (Map.Entry<String, JsonNode> e : parsed.properties()) {
        roles.put(role("GENERIC_ROLE_MAPPINGS_ROLES", e.getKey()), groups(e.getValue()));
      }
    }
    Role fallback = defaultText == null ? null : role("GENERIC_ROLE_MAPPINGS_DEFAULT_ROLE", defaultText);
    return new RoleMapping(claim == null ? "groups" : claim, roles, fallback);
  }

  /** A JSON object, or a Python dict literal in single quotes (LiteLLM's examples use both). */
  private static JsonNode dict(String text) {
    for (String candidate : List.of(text, text.replace('\'', '"'))) {
      try {
        JsonNode n = Json.tree(candidate.getBytes(StandardCharsets.UTF_8));
        if (n.isObject()) {
          return n;
        }
      } catch (RuntimeException notJson) {
        // try the next form
      }
    }
    throw new ConfigException("GENERIC_ROLE_MAPPINGS_ROLES must map role names to lists of group names, e.g. "
        + "{\"proxy_admin\": [\"admins\"], \"internal_user\": [\"staff\"]}; got '" + text + "'");
  }

  private static List<String> groups(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      out.add(v.asText());
    } else if (v.isArray()) {
      v.forEach(g -> out.add(g.asText()));
    } else {
      throw new ConfigException("GENERIC_ROLE_MAPPINGS_ROLES: each role must map to a list of group names, got " + v);
    }
    return out;
  }

  private static Role role(String where, String name) {
    Role r = Role.parse(name.strip());
    if (r == null) {
      throw new ConfigException(where + ": '" + name + "' is not a role; use one of " + Role.names());
    }
    return r;
  }

  private static NewUserDefaults newUsers(Map<String, JsonNode> litellm) {
    Double maxBudget = number("litellm_settings.max_internal_user_budget", litellm.get("max_internal_user_budget"));
    String duration = durationText("litellm_settings.internal_user_budget_duration",
        litellm.get("internal_user_budget_duration"));
    Role role = null;
    List<String> models = List.of();
    JsonNode params = litellm.get("default_internal_user_params");
    if (params != null && !params.isNull()) {
      String where = "litellm_settings.default_internal_user_params";
      if (!params.isObject()) {
        throw new ConfigException(where + " must be a mapping");
      }
      for (Map.Entry<String, JsonNode> e : params.properties()) {
        if (!USER_PARAMS.contains(e.getKey())) {
          LOG.warn("{}.{} is not applied by Tollgate to users created by SSO (it applies {})", where, e.getKey(),
              USER_PARAMS);
        }
      }
      if (params.hasNonNull("user_role")) {
        role = role(where + ".user_role", params.get("user_role").asText());
      }
      if (params.has("max_budget")) {
        maxBudget = number(where + ".max_budget", params.get("max_budget"));
      }
      if (params.has("budget_duration")) {
        duration = durationText(where + ".budget_duration", params.get("budget_duration"));
      }
      if (params.hasNonNull("models")) {
        if (!params.get("models").isArray()) {
          throw new ConfigException(where + ".models must be a list of model names");
        }
        List<String> m = new ArrayList<>();
        params.get("models").forEach(x -> m.add(x.asText()));
        models = m;
      }
    }
    return new NewUserDefaults(role, maxBudget, duration, models);
  }

  private static Double sessionBudget(Map<String, JsonNode> litellm) {
    if (!litellm.containsKey("max_ui_session_budget")) {
      return SsoPolicy.DEFAULT_SESSION_BUDGET;
    }
    return number("litellm_settings.max_ui_session_budget", litellm.get("max_ui_session_budget"));
  }

  private static Double number(String where, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      double d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText().strip());
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(where + " must be a number of USD (0 or more), got '" + v.asText() + "'");
    }
  }

  private static String durationText(String where, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!Durations.isValid(v.asText())) {
      throw new ConfigException(where + ": " + Durations.describe(v.asText()));
    }
    return v.asText().strip();
  }

  private static List<String> splitList(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
