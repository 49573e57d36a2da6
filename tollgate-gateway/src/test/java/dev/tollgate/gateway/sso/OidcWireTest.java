package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorization URL, the token request and the token answer, byte for byte where it matters. */
class OidcWireTest {
  private static final ClaimNames CLAIMS = new ClaimNames("sub", "email", null, "name", null, null, "role", null,
      false);

  @Test
  void theAuthorizationUrlKeepsTheEndpointsOwnParameters() {
    SsoProvider p = provider("openid email", true);
    LoginFlow flow = new LoginFlow("st", "no", "verifier-verifier-verifier-verifier-verif", "https://gw/sso/callback");
    String url = AuthorizationRedirect.url(p, flow);
    assertThat(url).startsWith("https://idp.example/authorize?audience=api&response_type=code&client_id=c%20id&"
        + "redirect_uri=https%3A%2F%2Fgw%2Fsso%2Fcallback&scope=openid%20email&state=st&nonce=no&code_challenge=")
        .endsWith("&code_challenge_method=S256");
    LoginFlow withoutPkce = LoginFlow.start("https://gw/sso/callback", false);
    assertThat(withoutPkce.verifier()).isNull();
    assertThat(AuthorizationRedirect.url(provider("email", false), withoutPkce)).doesNotContain("nonce=")
        .doesNotContain("code_challenge").contains("state=" + withoutPkce.state());
  }

  @Test
  void theTokenRequestIsAFormWithBasicClientAuthentication() {
    SsoProvider p = provider("openid", true);
    LoginFlow flow = new LoginFlow("st", "no", "ver", "https://gw/sso/callback");
    assertThat(TokenEndpoint.form(p, flow, "co de").toString()).isEqualTo("grant_type=authorization_code&"
        + "code=co%20de&redirect_uri=https%3A%2F%2Fgw%2Fsso%2Fcallback&code_verifier=ver");
    Map<String, String> headers = TokenEndpoint.headers(p);
    assertThat(headers).containsEntry("Content-Type", "application/x-www-form-urlencoded")
        .containsEntry("Accept", "application/json").containsEntry("X-Extra", "1");
    assertThat(new String(Base64.getDecoder().decode(headers.get("Authorization").substring(6)),
        StandardCharsets.UTF_8)).isEqualTo("c id:se~cret");
  }

  @Test
  void tokenAnswersAreReadOrExplained() {
    TokenEndpoint.Tokens t = TokenEndpoint.parse(reply(200, "{\"access_token\":\"at\",\"token_type\":\"bearer\","
        + "\"id_token\":\"x.y.z\"}"));
    assertThat(t.accessToken()).isEqualTo("at");
    assertThat(t.idToken()).isEqualTo("x.y.z");
    assertThatThrownBy(() -> TokenEndpoint.parse(reply(400, "{\"error\":\"invalid_grant\","
        + "\"error_description\":\"used\"}"))).hasMessageContaining("HTTP 400, invalid_grant: used");
    assertThatThrownBy(() -> TokenEndpoint.parse(reply(500, "<html>oops</html>"))).hasMessageContaining("HTTP 500)");
    assertThatThrownBy(() -> TokenEndpoint.parse(reply(200, "access_token=at"))).hasMessageContaining("not a JSON");
    assertThatThrownBy(() -> TokenEndpoint.parse(reply(200, "{\"token_type\":\"Bearer\"}")))
        .hasMessageContaining("no access_token");
    assertThatThrownBy(() -> TokenEndpoint.parse(reply(200, "{\"access_token\":\"a\",\"token_type\":\"MAC\"}")))
        .hasMessageContaining("only Bearer");
    assertThatThrownBy(() -> OidcExchange.userinfo(reply(200, "eyJ.signed.jwt"))).hasMessageContaining("not a JSON");
  }

  private static OidcHttp.Reply reply(int status, String body) {
    return new OidcHttp.Reply(status, "application/json", Buffer.buffer(body));
  }

  private static SsoProvider provider(String scope, boolean pkce) {
    return new SsoProvider("generic", "c id", "se~cret", URI.create("https://idp.example/authorize?audience=api"),
        URI.create("https://idp.example/token"), URI.create("https://idp.example/userinfo"), scope, pkce, false,
        Map.of("X-Extra", "1"), CLAIMS);
  }
}
