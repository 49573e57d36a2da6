package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsoSettingsReaderTest {
  private static final Map<String, String> GENERIC = Map.of(
      "GENERIC_CLIENT_ID", "cid", "GENERIC_CLIENT_SECRET", "sec",
      "GENERIC_AUTHORIZATION_ENDPOINT", "https://idp.example/authorize?audience=x",
      "GENERIC_TOKEN_ENDPOINT", "https://idp.example/token",
      "GENERIC_USERINFO_ENDPOINT", "https://idp.example/userinfo");

  @Test
  void offWithoutAClientId() {
    assertThat(read(Map.of("GENERIC_CLIENT_SECRET", "x")).configured()).isFalse();
    assertThat(read(Map.of("GENERIC_CLIENT_ID", "  ")).configured()).isFalse();
  }

  @Test
  void theGenericClientWithLiteLlmsDefaults() {
    SsoSettings s = read(GENERIC);
    SsoProvider p = s.provider();
    assertThat(p.name()).isEqualTo("generic");
    assertThat(p.scope()).isEqualTo("openid email profile");
    assertThat(p.pkce()).isFalse();
    assertThat(p.clientIdInBody()).isFalse();
    assertThat(p.claims().id()).isEqualTo("preferred_username");
    assertThat(p.claims().email()).isEqualTo("email");
    assertThat(p.claims().role()).isEqualTo("role");
    assertThat(s.policy().sessionDuration()).isEqualTo("24h");
    assertThat(s.policy().sessionBudget()).isEqualTo(1.0);
    assertThat(s.policy().newUsers().role()).isEqualTo(Role.INTERNAL_USER_VIEWER);
    assertThat(s.proxyBaseUrl()).isNull();
    assertThat(p.toString()).doesNotContain("sec");
  }

  @Test
  void everyGenericVariableIsRead() {
    Map<String, String> env = new HashMap<>(GENERIC);
    env.putAll(Map.of("GENERIC_SCOPE", "openid  groups", "GENERIC_CLIENT_USE_PKCE", "TRUE",
        "GENERIC_INCLUDE_CLIENT_ID", "true", "GENERIC_SSO_HEADERS", "X-Tenant=acme, X-Other = two",
        "GENERIC_USER_ID_ATTRIBUTE", "attributes.uid", "GENERIC_USER_ROLE_ATTRIBUTE", "litellm_role",
        "ALLOWED_EMAIL_DOMAINS", "Example.com,,acme.org ", "PROXY_BASE_URL", "https://gw.example/",
        "TOLLGATE_UI_SESSION_DURATION", "8h", "PROXY_ADMIN_ID", "root"));
    SsoSettings s = read(env);
    assertThat(s.provider().scope()).isEqualTo("openid groups");
    assertThat(s.provider().pkce()).isTrue();
    assertThat(s.provider().clientIdInBody()).isTrue();
    assertThat(s.provider().extraHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Tenant", "acme",
        "X-Other", "two"));
    assertThat(s.provider().claims().id()).isEqualTo("attributes.uid");
    assertThat(s.provider().claims().role()).isEqualTo("litellm_role");
    assertThat(s.policy().allowedEmailDomains()).containsExactly("example.com", "acme.org");
    assertThat(s.proxyBaseUrl()).isEqualTo("https://gw.example");
    assertThat(s.policy().sessionDuration()).isEqualTo("8h");
    assertThat(s.policy().proxyAdminId()).isEqualTo("root");
  }

  @Test
  void aMissingOrBadVariableFailsAtStartNamingIt() {
    Map<String, String> env = new HashMap<>(GENERIC);
    env.remove("GENERIC_TOKEN_ENDPOINT");
    assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("GENERIC_TOKEN_ENDPOINT is not set");
    env.put("GENERIC_TOKEN_ENDPOINT", "/token");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("GENERIC_TOKEN_ENDPOINT must be an absolute http(s) URL");
    env.put("GENERIC_TOKEN_ENDPOINT", "https://idp.example/token");
    env.put("TOLLGATE_UI_SESSION_DURATION", "a day");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("TOLLGATE_UI_SESSION_DURATION");
    env.remove("TOLLGATE_UI_SESSION_DURATION");
    env.put("GENERIC_SSO_HEADERS", "novalue");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("Name=value");
  }

  @Test
  void roleMappingsAsJsonOrAPythonDict() {
    Map<String, String> env = new HashMap<>(GENERIC);
    env.put("GENERIC_ROLE_MAPPINGS_ROLES", "{'proxy_admin': ['admins'], 'internal_user': 'staff'}");
    env.put("GENERIC_ROLE_MAPPINGS_DEFAULT_ROLE", "internal_user_viewer");
    RoleMapping m = read(env).policy().roleMapping();
    assertThat(m.groupClaim()).isEqualTo("groups");
    assertThat(m.roles()).containsEntry(Role.PROXY_ADMIN, List.of("admins"))
        .containsEntry(Role.INTERNAL_USER, List.of("staff"));
    assertThat(m.defaultRole()).isEqualTo(Role.INTERNAL_USER_VIEWER);
    env.put("GENERIC_ROLE_MAPPINGS_ROLES", "{\"superuser\": [\"x\"]}");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("'superuser' is not a role");
    env.put("GENERIC_ROLE_MAPPINGS_ROLES", "admins");
    assertThatThrownBy(() -> read(env)).hasMessageContaining("must map role names to lists of group names");
  }

  @Test
  void googleAndMicrosoftAreTheSameFlowWithFixedEndpoints() {
    SsoProvider google = read(Map.of("GOOGLE_CLIENT_ID", "g", "GOOGLE_CLIENT_SECRET", "gs",
        "GENERIC_CLIENT_ID", "ignored")).provider();
    assertThat(google.name()).isEqualTo("google");
    assertThat(google.tokenEndpoint().toString()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(google.pkce()).isTrue();
    assertThat(google.claims().requireVerifiedEmail()).isTrue();

    SsoProvider ms = read(Map.of("MICROSOFT_CLIENT_ID", "m", "MICROSOFT_CLIENT_SECRET", "ms",
        "MICROSOFT_TENANT", "tenant-1")).provider();
    assertThat(ms.authorizationEndpoint().toString())
        .isEqualTo("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize");
    assertThat(ms.userinfoEndpoint().toString()).isEqualTo("https://graph.microsoft.com/v1.0/me");
    assertThat(ms.claims().email()).isEqualTo("userPrincipalName");
    assertThat(ms.claims().fallbackEmail()).isEqualTo("mail");
    assertThatThrownBy(() -> read(Map.of("MICROSOFT_CLIENT_ID", "m", "MICROSOFT_CLIENT_SECRET", "ms")))
        .hasMessageContaining("MICROSOFT_TENANT is not set");
    assertThatThrownBy(() -> read(Map.of("GOOGLE_CLIENT_ID", "g"))).hasMessageContaining("GOOGLE_CLIENT_SECRET");
  }

  @Test
  void configSettingsForNewUsersSessionsAndAccess() {
    Map<String, JsonNode> litellm = Map.of(
        "max_internal_user_budget", num("3"), "internal_user_budget_duration", Json.MAPPER.valueToTree("1mo"),
        "default_internal_user_params", json("{\"user_role\": \"internal_user\", \"max_budget\": 9, "
            + "\"models\": [\"a\"], \"teams\": [\"t\"]}"),
        "max_ui_session_budget", num("0.5"));
    SsoSettings s = SsoSettingsReader.read(GENERIC, litellm, Map.of("ui_access_mode",
        Json.MAPPER.valueToTree("admin_only")));
    assertThat(s.policy().newUsers()).isEqualTo(new NewUserDefaults(Role.INTERNAL_USER, 9.0, "1mo", List.of("a")));
    assertThat(s.policy().sessionBudget()).isEqualTo(0.5);
    assertThat(s.policy().adminOnly()).isTrue();
    assertThatThrownBy(() -> SsoSettingsReader.read(GENERIC, Map.of(), Map.of("ui_access_mode",
        json("{\"type\": \"restricted_sso_group\"}")))).hasMessageContaining("restricted_sso_group");
    assertThatThrownBy(() -> SsoSettingsReader.read(GENERIC, Map.of("default_internal_user_params",
        json("{\"user_role\": \"boss\"}")), Map.of())).hasMessageContaining("'boss' is not a role");
  }

  private static SsoSettings read(Map<String, String> env) {
    return SsoSettingsReader.read(env, Map.of(), Map.of());
  }

  private static JsonNode json(String s) {
    return Json.tree(s.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode num(String s) {
    return json(s);
  }
}
