package dev.tollgate.gateway.sso;

import dev.tollgate.gateway.config.ConfigException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the OAuth client from LiteLLM's environment variables. As in LiteLLM, {@code GOOGLE_CLIENT_ID} wins over
 * {@code MICROSOFT_CLIENT_ID}, which wins over {@code GENERIC_CLIENT_ID}. Google and Microsoft are the generic
 * authorization-code flow with their published endpoints and claim names (and PKCE on); a missing variable the chosen
 * client needs is a {@link ConfigException} at start, not a failed login later.
 */
final class SsoProviderReader {
  static final String GOOGLE_AUTHORIZE = "https://accounts.google.com/o/oauth2/v2/auth";
  static final String GOOGLE_TOKEN = "https://oauth2.googleapis.com/token";
  static final String GOOGLE_USERINFO = "https://openidconnect.googleapis.com/v1/userinfo";
  static final String MICROSOFT_LOGIN = "https://login.microsoftonline.com/";
  static final String MICROSOFT_GRAPH_ME = "https://graph.microsoft.com/v1.0/me";

  private final Map<String, String> env;

  SsoProviderReader(Map<String, String> env) {
    this.env = env;
  }

  /** The configured client, or null when none of the three client ids is set. */
  SsoProvider read() {
    if (set("GOOGLE_CLIENT_ID")) {
      return google();
    }
    if (set("MICROSOFT_CLIENT_ID")) {
      return microsoft();
    }
    if (set("GENERIC_CLIENT_ID")) {
      return generic();
    }
    return null;
  }

  private SsoProvider google() {
    ClaimNames claims = new ClaimNames("sub", "email", null, "name", "given_name", "family_name", null, null, true);
    return new SsoProvider("google", get("GOOGLE_CLIENT_ID"), required("GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_ID"),
        URI.create(GOOGLE_AUTHORIZE), URI.create(GOOGLE_TOKEN), URI.create(GOOGLE_USERINFO), "openid email profile",
        true, false, Map.of(), claims);
  }

  private SsoProvider microsoft() {
    String tenant = get("MICROSOFT_TENANT");
    String base = tenant == null ? null : MICROSOFT_LOGIN + tenant.strip() + "/oauth2/v2.0/";
    URI authorize = endpoint("MICROSOFT_AUTHORIZATION_ENDPOINT", base == null ? null : base + "authorize");
    URI token = endpoint("MICROSOFT_TOKEN_ENDPOINT", base == null ? null : base + "token");
    URI userinfo = endpoint("MICROSOFT_USERINFO_ENDPOINT", MICROSOFT_GRAPH_ME);
    if (authorize == null || token == null) {
      throw new ConfigException("MICROSOFT_TENANT is not set: Microsoft SSO (MICROSOFT_CLIENT_ID) needs the tenant "
          + "id, or MICROSOFT_AUTHORIZATION_ENDPOINT and MICROSOFT_TOKEN_ENDPOINT");
    }
    ClaimNames claims = new ClaimNames(
        or("MICROSOFT_USER_ID_ATTRIBUTE", "id"),
        or("MICROSOFT_USER_EMAIL_ATTRIBUTE", "userPrincipalName"),
        "mail",
        or("MICROSOFT_USER_DISPLAY_NAME_ATTRIBUTE", "displayName"),
        or("MICROSOFT_USER_FIRST_NAME_ATTRIBUTE", "givenName"),
        or("MICROSOFT_USER_LAST_NAME_ATTRIBUTE", "surname"),
        null, null, false);
    return new SsoProvider("microsoft", get("MICROSOFT_CLIENT_ID"),
        required("MICROSOFT_CLIENT_SECRET", "MICROSOFT_CLIENT_ID"), authorize, token, userinfo,
        "openid email profile User.Read", true, false, Map.of(), claims);
  }

  private SsoProvider generic() {
    String why = "GENERIC_CLIENT_ID";
    ClaimNames claims = new ClaimNames(
        or("GENERIC_USER_ID_ATTRIBUTE", "preferred_username"),
        or("GENERIC_USER_EMAIL_ATTRIBUTE", "email"),
        null,
        or("GENERIC_USER_DISPLAY_NAME_ATTRIBUTE", "sub"),
        or("GENERIC_USER_FIRST_NAME_ATTRIBUTE", "first_name"),
        or("GENERIC_USER_LAST_NAME_ATTRIBUTE", "last_name"),
        or("GENERIC_USER_ROLE_ATTRIBUTE", "role"),
        or("GENERIC_USER_PROVIDER_ATTRIBUTE", "provider"),
        false);
    String scope = String.join(" ", or("GENERIC_SCOPE", "openid email profile").strip().split("\\s+"));
    return new SsoProvider("generic", get("GENERIC_CLIENT_ID"), required("GENERIC_CLIENT_SECRET", why),
        url("GENERIC_AUTHORIZATION_ENDPOINT", required("GENERIC_AUTHORIZATION_ENDPOINT", why)),
        url("GENERIC_TOKEN_ENDPOINT", required("GENERIC_TOKEN_ENDPOINT", why)),
        url("GENERIC_USERINFO_ENDPOINT", required("GENERIC_USERINFO_ENDPOINT", why)),
        scope, flag("GENERIC_CLIENT_USE_PKCE"), flag("GENERIC_INCLUDE_CLIENT_ID"), headers("GENERIC_SSO_HEADERS"),
        claims);
  }

  /** {@code Name=value, Other=value} (LiteLLM's format; a value cannot hold a comma). */
  private Map<String, String> headers(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = get(name);
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split(",")) {
      String p = pair.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(name + " must be a comma-separated list of Name=value pairs, got '" + p + "'");
      }
      out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    return out;
  }

  private URI endpoint(String name, String fallback) {
    String value = get(name);
    if (value == null) {
      return fallback == null ? null : URI.create(fallback);
    }
    return url(name, value);
  }

  static URI url(String name, String value) {
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " is not a URL: '" + value + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigException(name + " must be an absolute http(s) URL, got '" + value + "'");
    }
    return uri;
  }

  private String required(String name, String because) {
    String v = get(name);
    if (v == null) {
      throw new ConfigException(name + " is not set; it is required because " + because + " is set (SSO for the "
          + "dashboard, see docs/ui.md)");
    }
    return v;
  }

  private boolean flag(String name) {
    return "true".equalsIgnoreCase(get(name));
  }

  private String or(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  private boolean set(String name) {
    return get(name) != null;
  }

  /** The variable's value, or null when unset or blank. */
  private String get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
