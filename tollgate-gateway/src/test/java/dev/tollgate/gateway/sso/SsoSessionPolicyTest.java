package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.FakeOidcProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway with a short session ({@code TOLLGATE_UI_SESSION_DURATION=2s}), {@code ui_access_mode: admin_only},
 * {@code default_internal_user_params}, an https {@code PROXY_BASE_URL} and {@code AUTO_REDIRECT_UI_LOGIN_TO_SSO}.
 */
class SsoSessionPolicyTest {
  private static FakeOidcProvider idp;
  private static RunningGateway gw;
  private static Http http;
  private static LoginDance dance;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeOidcProvider.start(SsoLoginHttpTest.CLIENT_ID, SsoLoginHttpTest.CLIENT_SECRET);
    Map<String, String> env = new HashMap<>(SsoLoginHttpTest.genericEnv(idp));
    env.put("TOLLGATE_UI_SESSION_DURATION", "2s");
    env.put("PROXY_BASE_URL", "https://gateway.example.com/");
    env.put("AUTO_REDIRECT_UI_LOGIN_TO_SSO", "true");
    gw = RunningGateway.start("/sso/sso-admin-only-config.yaml", env);
    http = new Http(gw);
    dance = new LoginDance(gw);
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

  @Test
  void theSessionKeyIsRefusedOnceItExpires() throws Exception {
    idp.signInAs(Map.of("sub", "root", "email", "root@example.com", "role", "proxy_admin"));
    String key = signIn();
    assertThat(http.get("/user/list", key).status()).isEqualTo(200);
    Http.Reply refused = null;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Http.Reply r = http.get("/user/list", key);
      if (r.status() != 200) {
        refused = r;
        break;
      }
      Thread.sleep(250);
    }
    assertThat(refused).as("the 2s session key was never refused").isNotNull();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.error().path("type").asText()).isEqualTo("expired_key");
  }

  @Test
  void adminOnlyRefusesOtherRolesBeforeWritingTheUser() {
    idp.signInAs(Map.of("sub", "intern", "email", "intern@example.com"));
    HttpResponse<String> r = callback();
    SsoLoginHttpTest.page(r, 403, "for admins only");
    assertThat(r.body()).contains("internal_user"); // default_internal_user_params.user_role
    assertThat(http.get("/user/info?user_id=intern", RunningGateway.MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void newUsersGetTheDefaultInternalUserParams() {
    idp.signInAs(Map.of("sub", "viewer-1", "email", "viewer-1@example.com", "role", "proxy_admin_viewer"));
    signIn();
    JsonNode user = http.get("/user/info?user_id=viewer-1", RunningGateway.MASTER_KEY).json().path("user_info");
    assertThat(user.path("user_role").asText()).isEqualTo("proxy_admin_viewer"); // the provider's role wins
    assertThat(user.path("max_budget").asDouble()).isEqualTo(7.5);
    assertThat(user.path("budget_duration").asText()).isEqualTo("7d");
    assertThat(user.path("models").toString()).isEqualTo("[\"mock-priced\"]");
  }

  @Test
  void theRedirectUriComesFromProxyBaseUrlAndCookiesAreSecure() {
    LoginDance.Started started = dance.start();
    assertThat(SsoLoginHttpTest.query(started.authorize())).containsEntry("redirect_uri",
        "https://gateway.example.com/sso/callback").doesNotContainKey("code_challenge"); // PKCE off by default
    assertThat(LoginDance.setCookie(started.response(), SsoCookies.FLOW).orElseThrow()).contains("Secure");
    JsonNode config = http.get("/.well-known/litellm-ui-config", null).json();
    assertThat(config.path("auto_redirect_to_sso").asBoolean()).isTrue();
    assertThat(config.path("proxy_base_url").asText()).isEqualTo("https://gateway.example.com");
  }

  /** The provider redirects to PROXY_BASE_URL's host; the test delivers that callback to the gateway itself. */
  private static HttpResponse<String> callback() {
    LoginDance.Started started = dance.start();
    URI toPublicHost = dance.authorize(started.authorize());
    return dance.callback(URI.create(gw.url(toPublicHost.getRawPath() + "?" + toPublicHost.getRawQuery())),
        started.flowCookie());
  }

  private static String signIn() {
    HttpResponse<String> done = callback();
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    HttpResponse<String> session = dance.handOff(LoginDance.cookie(done, SsoCookies.HANDOFF).orElseThrow());
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    return LoginDance.json(session).path("key").asText();
  }
}
