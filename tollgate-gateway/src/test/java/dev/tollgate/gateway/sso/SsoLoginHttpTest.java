package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.FakeOidcProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on over HTTP against the fake OIDC provider: the authorization request, the callback's checks, the user
 * made or found with its role, the session key (works, lists only its user's keys, ends on logout), and every failure
 * answered as a readable page.
 */
class SsoLoginHttpTest {
  static final String CLIENT_ID = "tollgate-dashboard";
  static final String CLIENT_SECRET = "dashboard-secret~1";
  private static FakeOidcProvider idp;
  private static RunningGateway gw;
  private static Http http;
  private static LoginDance dance;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeOidcProvider.start(CLIENT_ID, CLIENT_SECRET);
    Map<String, String> env = new HashMap<>(genericEnv(idp));
    env.put("GENERIC_CLIENT_USE_PKCE", "true");
    env.put("GENERIC_ROLE_MAPPINGS_ROLES", "{'internal_user': ['staff'], 'proxy_admin_viewer': ['auditors']}");
    env.put("GENERIC_ROLE_MAPPINGS_GROUP_CLAIM", "groups");
    env.put("ALLOWED_EMAIL_DOMAINS", "example.com, example.org");
    env.put("PROXY_ADMIN_ID", "boss");
    gw = RunningGateway.start("/sso/sso-config.yaml", env);
    idp.registerRedirectUris(gw.url("/sso/callback"));
    http = new Http(gw);
    dance = new LoginDance(gw);
  }

  /** The environment of a generic OIDC client pointing at {@code idp} (LiteLLM's variable names). */
  static Map<String, String> genericEnv(FakeOidcProvider idp) {
    return Map.of(
        "GENERIC_CLIENT_ID", CLIENT_ID,
        "GENERIC_CLIENT_SECRET", CLIENT_SECRET,
        "GENERIC_AUTHORIZATION_ENDPOINT", idp.authorizationEndpoint(),
        "GENERIC_TOKEN_ENDPOINT", idp.tokenEndpoint(),
        "GENERIC_USERINFO_ENDPOINT", idp.userinfoEndpoint(),
        "GENERIC_USER_ID_ATTRIBUTE", "sub");
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @BeforeEach
  void reset() {
    idp.deny(null, null);
    idp.failTokens(0, null, null);
    idp.idTokenNonce(null);
  }

  @Test
  void startSendsTheBrowserToTheProviderWithAnAuthorizationCodeRequest() {
    LoginDance.Started started = dance.start();
    URI to = started.authorize();
    assertThat(to.getScheme() + "://" + to.getRawAuthority() + to.getPath()).isEqualTo(idp.authorizationEndpoint());
    Map<String, String> q = query(to);
    assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", gw.url("/sso/callback")).containsEntry("scope", "openid email profile")
        .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
    assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(q.get("nonce"));
    String cookie = LoginDance.setCookie(started.response(), SsoCookies.FLOW).orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/sso").contains("Max-Age=600")
        .doesNotContain("Secure"); // http gateway
    assertThat(cookie).doesNotContain(q.get("state")); // sealed, not readable
    assertThat(started.response().headers().firstValue("cache-control")).hasValue("no-store");
    // every start is a new login
    assertThat(query(dance.start().authorize()).get("state")).isNotEqualTo(q.get("state"));
  }

  @Test
  void aGoodCallbackCreatesTheUserWithItsMappedRoleAndTheSessionKeySeesOnlyItsOwnKeys() {
    idp.signInAs(Map.of("sub", "ada", "email", "ada@example.com", "groups", List.of("staff", "other"),
        "name", "Ada L."));
    http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"user_id\": \"bob\", \"key_alias\": \"bobs-key\"}");
    Instant before = Instant.now();
    JsonNode session = dance.signIn();
    String key = session.path("key").asText();
    assertThat(key).startsWith("sk-");
    assertThat(session.path("user_id").asText()).isEqualTo("ada");

    JsonNode user = http.get("/user/info?user_id=ada", RunningGateway.MASTER_KEY).json().path("user_info");
    assertThat(user.path("user_role").asText()).isEqualTo("internal_user"); // groups: staff
    assertThat(user.path("user_email").asText()).isEqualTo("ada@example.com");
    assertThat(user.path("sso_user_id").asText()).isEqualTo("ada");
    assertThat(user.path("metadata").path("auth_provider").asText()).isEqualTo("generic");
    assertThat(user.path("max_budget").asDouble()).isEqualTo(5.0); // litellm_settings.max_internal_user_budget
    assertThat(user.path("budget_duration").asText()).isEqualTo("30d");

    JsonNode info = http.get("/key/info?key=" + key, RunningGateway.MASTER_KEY).json().path("info");
    assertThat(info.path("user_id").asText()).isEqualTo("ada");
    assertThat(info.path("team_id").asText()).isEqualTo("litellm-dashboard");
    assertThat(info.path("max_budget").asDouble()).isEqualTo(1.0);
    assertThat(info.path("metadata").path("tollgate_ui_session").asBoolean()).isTrue();
    Instant expires = Instant.parse(info.path("expires").asText());
    assertThat(expires).isBetween(before.plus(24, ChronoUnit.HOURS).minusSeconds(5),
        Instant.now().plus(24, ChronoUnit.HOURS).plusSeconds(5));

    // the session key works as ada: it makes a key of hers and lists only her keys (not itself, not bob's)
    Http.Reply made = http.post("/key/generate", key, "{\"key_alias\": \"adas-key\"}");
    assertThat(made.status()).as(made.json().toString()).isEqualTo(200);
    Http.Reply list = http.get("/key/list?user_id=ada&return_full_object=true", key);
    assertThat(list.status()).as(list.json().toString()).isEqualTo(200);
    assertThat(aliases(list.json())).containsExactly("adas-key");
    assertThat(http.get("/key/list?user_id=bob", key).status()).isEqualTo(403);
    assertThat(http.get("/user/list", key).status()).isEqualTo(403); // an internal user, not an admin

    // the wire: form-encoded token request, Basic client authentication, the PKCE verifier, the same redirect URI
    FakeOidcProvider.TokenRequest sent = idp.tokenRequests().getLast();
    assertThat(sent.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(sent.authorization()).startsWith("Basic ");
    assertThat(sent.form()).containsEntry("grant_type", "authorization_code")
        .containsEntry("redirect_uri", gw.url("/sso/callback")).containsKey("code_verifier")
        .doesNotContainKey("client_secret");
  }

  @Test
  void loggingOutDeletesTheSessionKeyAndNothingElse() {
    idp.signInAs(Map.of("sub", "lou", "email", "lou@example.com", "groups", List.of("staff")));
    String key = dance.signIn().path("key").asText();
    assertThat(http.get("/key/list?user_id=lou", key).status()).isEqualTo(200);

    String regular = http.post("/key/generate", RunningGateway.MASTER_KEY, "{\"user_id\": \"lou\"}").json()
        .path("key").asText();
    Http.Reply notASession = http.post("/sso/logout", regular, "");
    assertThat(notASession.status()).isEqualTo(400);
    assertThat(notASession.error().path("message").asText()).contains("not a session key");
    assertThat(http.post("/sso/logout", RunningGateway.MASTER_KEY, "").status()).isEqualTo(400);

    Http.Reply out = http.post("/sso/logout", key, "");
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.json().path("status").asText()).isEqualTo("logged_out");
    Http.Reply refused = http.get("/key/list?user_id=lou", key);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.error().path("type").asText()).isEqualTo("token_not_found_in_db");
    assertThat(http.post("/sso/logout", key, "").status()).isEqualTo(401);
    assertThat(http.get("/key/list?user_id=lou", regular).status()).isEqualTo(200); // the regular key lives on
  }

  @Test
  void aCallbackWhoseStateDoesNotMatchOrThatThisBrowserDidNotStartIsRefused() {
    idp.signInAs(Map.of("sub", "mal", "email", "mal@example.com"));
    LoginDance.Started started = dance.start();
    URI callback = dance.authorize(started.authorize());
    URI forged = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged"));

    HttpResponse<String> wrongState = dance.callback(forged, started.flowCookie());
    page(wrongState, 400, "the state parameter does not match");
    HttpResponse<String> noCookie = dance.callback(callback, null);
    page(noCookie, 400, "not started in this browser");
    String flipped = started.flowCookie().substring(0, 20) + (started.flowCookie().charAt(20) == 'A' ? 'B' : 'A')
        + started.flowCookie().substring(21);
    page(dance.callback(callback, flipped), 400, "not started in this browser");
    // every refused callback also drops the flow cookie
    assertThat(LoginDance.setCookie(wrongState, SsoCookies.FLOW).orElseThrow()).contains("Max-Age=0");
    assertThat(http.get("/user/info?user_id=mal", RunningGateway.MASTER_KEY).status()).isEqualTo(404);

    // the real callback still works once; played again, the provider refuses the used code
    HttpResponse<String> good = dance.callback(callback, started.flowCookie());
    assertThat(good.statusCode()).isEqualTo(303);
    page(dance.callback(callback, started.flowCookie()), 502, "invalid_grant");
  }

  @Test
  void providerRefusalsAndFailuresAreReadablePages() {
    idp.signInAs(Map.of("sub", "eve", "email", "eve@elsewhere.net"));
    page(login(), 403, "e-mail domain of eve@elsewhere.net is not allowed");
    assertThat(http.get("/user/info?user_id=eve", RunningGateway.MASTER_KEY).status()).isEqualTo(404);

    idp.signInAs(Map.of("sub", "nemo", "email", "nemo@example.com"));
    idp.deny("access_denied", "The user denied the request");
    page(login(), 401, "did not sign you in: access_denied (The user denied the request)");
    idp.deny(null, null);

    idp.failTokens(503, "temporarily_unavailable", "maintenance <b>window</b>");
    HttpResponse<String> down = login();
    page(down, 502, "HTTP 503, temporarily_unavailable: maintenance &lt;b&gt;window&lt;/b&gt;");
    assertThat(down.body()).doesNotContain("<b>window");
    idp.failTokens(0, null, null);

    idp.idTokenNonce("someone-elses-nonce");
    page(login(), 502, "does not carry this sign-in&#39;s nonce");
    idp.idTokenNonce(null);
    assertThat(http.get("/user/info?user_id=nemo", RunningGateway.MASTER_KEY).status()).isEqualTo(404);

    HttpResponse<String> handoff = dance.handOff(null);
    assertThat(handoff.statusCode()).isEqualTo(401);
    assertThat(LoginDance.json(handoff).path("error").path("message").asText()).contains("sign in again");
  }

  @Test
  void aKnownUserIsFoundByEmailAndTakesTheRoleTheProviderAsserts() {
    http.post("/user/new", RunningGateway.MASTER_KEY, "{\"user_id\": \"u-cat\", \"user_email\": \"Cat@Example.com\","
        + " \"user_role\": \"internal_user_viewer\", \"auto_create_key\": false}");
    idp.signInAs(Map.of("sub", "cat-sub", "email", "cat@example.com", "role", "proxy_admin_viewer"));
    JsonNode session = dance.signIn();
    assertThat(session.path("user_id").asText()).isEqualTo("u-cat");
    JsonNode user = http.get("/user/info?user_id=u-cat", RunningGateway.MASTER_KEY).json().path("user_info");
    assertThat(user.path("user_role").asText()).isEqualTo("proxy_admin_viewer");
    assertThat(user.path("sso_user_id").asText()).isEqualTo("cat-sub");
    assertThat(user.path("user_email").asText()).isEqualTo("cat@example.com");
    assertThat(http.get("/user/info?user_id=cat-sub", RunningGateway.MASTER_KEY).status()).isEqualTo(404);
    assertThat(http.get("/user/list", session.path("key").asText()).status()).isEqualTo(200); // viewers read all

    // a later login without a role claim or matching group keeps the stored role
    idp.signInAs(Map.of("sub", "cat-sub", "email", "cat@example.com"));
    assertThat(dance.signIn().path("user_id").asText()).isEqualTo("u-cat");
    assertThat(http.get("/user/info?user_id=u-cat", RunningGateway.MASTER_KEY).json().path("user_info")
        .path("user_role").asText()).isEqualTo("proxy_admin_viewer");
  }

  @Test
  void proxyAdminIdMakesThatUserAProxyAdminAndNewUsersWithoutARoleAreViewers() {
    idp.signInAs(Map.of("sub", "boss", "email", "boss@example.org"));
    String key = dance.signIn().path("key").asText();
    assertThat(http.get("/user/info?user_id=boss", RunningGateway.MASTER_KEY).json().path("user_info")
        .path("user_role").asText()).isEqualTo("proxy_admin");
    assertThat(http.post("/user/new", key, "{\"user_id\": \"made-by-boss\"}").status()).isEqualTo(200);

    idp.signInAs(Map.of("sub", "quiet", "email", "quiet@example.com"));
    String viewer = dance.signIn().path("key").asText();
    assertThat(http.get("/user/info?user_id=quiet", RunningGateway.MASTER_KEY).json().path("user_info")
        .path("user_role").asText()).isEqualTo("internal_user_viewer"); // LiteLLM's default for SSO users
    assertThat(http.post("/key/generate", viewer, "{}").status()).isEqualTo(403);
  }

  @Test
  void theUiConfigSaysSsoIsOn() {
    JsonNode config = http.get("/.well-known/litellm-ui-config", null).json();
    assertThat(config.path("sso_configured").asBoolean()).isTrue();
    assertThat(config.path("auto_redirect_to_sso").asBoolean()).isFalse();
    assertThat(config.path("server_root_path").asText()).isEmpty();
  }

  /** A whole login up to the callback's answer. */
  private static HttpResponse<String> login() {
    LoginDance.Started started = dance.start();
    return dance.callback(dance.authorize(started.authorize()), started.flowCookie());
  }

  /** The answer is an HTML page with {@code status} and the (escaped) {@code text}, and no internals. */
  static void page(HttpResponse<String> r, int status, String text) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(r.headers().firstValue("content-security-policy").orElse("")).contains("default-src 'none'");
    assertThat(r.body()).contains(text).contains("Log in with a key").doesNotContain("Exception")
        .doesNotContain("at dev.tollgate").doesNotContain(CLIENT_SECRET);
    assertThat(LoginDance.setCookie(r, SsoCookies.HANDOFF)).isEmpty();
  }

  private static List<String> aliases(JsonNode list) {
    List<String> out = new java.util.ArrayList<>();
    list.path("keys").forEach(k -> out.add(k.path("key_alias").asText()));
    return out;
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }
}
