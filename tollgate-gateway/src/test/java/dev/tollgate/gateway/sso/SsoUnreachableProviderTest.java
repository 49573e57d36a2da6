package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.testkit.FakeOidcProvider;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token or userinfo endpoint that cannot be reached ends the login with a readable 502 page and writes nothing. */
class SsoUnreachableProviderTest {
  private static FakeOidcProvider idp;
  private static RunningGateway tokenDown;
  private static RunningGateway userinfoDown;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeOidcProvider.start(SsoLoginHttpTest.CLIENT_ID, SsoLoginHttpTest.CLIENT_SECRET);
    idp.signInAs(Map.of("sub", "zoe", "email", "zoe@example.com"));
    Map<String, String> env = new HashMap<>(SsoLoginHttpTest.genericEnv(idp));
    env.put("GENERIC_TOKEN_ENDPOINT", "http://127.0.0.1:" + closedPort() + "/token");
    tokenDown = RunningGateway.start("/sso/sso-config.yaml", env);
    env = new HashMap<>(SsoLoginHttpTest.genericEnv(idp));
    env.put("GENERIC_USERINFO_ENDPOINT", idp.issuer() + "/no-such-userinfo");
    userinfoDown = RunningGateway.start("/sso/sso-config.yaml", env);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {tokenDown, userinfoDown, idp}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing
      }
    }
  }

  @Test
  void aTokenEndpointThatIsDownIsAReadableBadGatewayPage() {
    HttpResponse<String> r = login(tokenDown);
    SsoLoginHttpTest.page(r, 502, "Could not reach the identity provider&#39;s token endpoint");
    assertThat(r.body()).contains("Sign in with SSO again");
    assertThat(new Http(tokenDown).get("/user/info?user_id=zoe", RunningGateway.MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void aUserinfoEndpointThatRefusesIsAReadableBadGatewayPage() {
    SsoLoginHttpTest.page(login(userinfoDown), 502, "The userinfo endpoint refused the access token (HTTP 404)");
    assertThat(new Http(userinfoDown).get("/user/info?user_id=zoe", RunningGateway.MASTER_KEY).status())
        .isEqualTo(404);
  }

  private static HttpResponse<String> login(RunningGateway gw) {
    LoginDance dance = new LoginDance(gw);
    LoginDance.Started started = dance.start();
    return dance.callback(dance.authorize(started.authorize()), started.flowCookie());
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
