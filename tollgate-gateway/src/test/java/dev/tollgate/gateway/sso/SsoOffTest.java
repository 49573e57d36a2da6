package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import dev.tollgate.gateway.support.RunningGateway;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without an SSO provider the login page is told so, and the /sso pages say it in words (404). */
class SsoOffTest {
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/sso/sso-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void ssoIsOffUnlessAClientIsConfigured() {
    Http.Reply config = new Http(gw).get("/.well-known/litellm-ui-config", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("sso_configured").asBoolean()).isFalse();
    assertThat(config.json().path("proxy_base_url").isNull()).isTrue();
    SsoLoginHttpTest.page(LoginDance.get(URI.create(gw.url("/sso/key/generate")), null), 404,
        "Single sign-on is not configured");
    SsoLoginHttpTest.page(LoginDance.get(URI.create(gw.url("/sso/callback?code=x&state=y")), null), 404,
        "no SSO provider");
  }
}
