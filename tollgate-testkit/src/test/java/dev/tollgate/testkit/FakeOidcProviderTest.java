package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake provider speaks the authorization-code flow's wire format and refuses what a real provider refuses. */
class FakeOidcProviderTest {
  private static final String CLIENT = "tollgate-test";
  private static final String SECRET = "s3cret~with.chars";
  private static final String REDIRECT = "http://127.0.0.1:9/sso/callback";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final HttpClient CLIENT_HTTP = HttpClient.newHttpClient(); // never follows redirects
  private static FakeOidcProvider idp;

  @BeforeAll
  static void start() {
    idp = FakeOidcProvider.start(CLIENT, SECRET);
    idp.registerRedirectUris(REDIRECT);
  }

  @AfterAll
  static void stop() {
    idp.close();
  }

  @BeforeEach
  void reset() {
    idp.deny(null, null);
    idp.failTokens(0, null, null);
    idp.idTokenNonce(null);
    idp.signInAs(Map.of("sub", "ada", "email", "ada@example.com", "role", "internal_user"));
  }

  @Test
  void theCodeFlowWithPkceGivesTokensAndTheUsersClaims() throws Exception {
    Map<String, String> back = authorize("state-1", OidcFakeEndpoints.s256(VERIFIER));
    assertThat(back).containsEntry("state", "state-1").containsKey("code");

    HttpResponse<String> token = token("Basic " + basic(CLIENT, SECRET), "grant_type=authorization_code&code="
        + enc(back.get("code")) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + VERIFIER);
    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.headers().firstValue("cache-control")).hasValue("no-store");
    JsonNode t = Json.tree(token.body().getBytes(StandardCharsets.UTF_8));
    assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.path("expires_in").asInt()).isEqualTo(3600);

    String[] jwt = t.path("id_token").asText().split("\\.");
    JsonNode claims = Json.tree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(claims.path("aud").asText()).isEqualTo(CLIENT);
    assertThat(claims.path("nonce").asText()).isEqualTo("n-state-1");
    assertThat(claims.path("sub").asText()).isEqualTo("ada");
    assertThat(claims.path("iss").asText()).isEqualTo(idp.issuer());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((jwt[0] + "." + jwt[1])
        .getBytes(StandardCharsets.US_ASCII)))).isEqualTo(jwt[2]);

    HttpResponse<String> info = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(idp.userinfoEndpoint()))
        .header("authorization", "Bearer " + t.path("access_token").asText()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(Json.tree(info.body().getBytes(StandardCharsets.UTF_8)).path("email").asText())
        .isEqualTo("ada@example.com");
    assertThat(idp.tokenRequests().getLast().form()).containsEntry("code_verifier", VERIFIER);
  }

  @Test
  void aCodeWorksOnceAndOnlyWithTheRightVerifierClientAndRedirect() throws Exception {
    String code = authorize("s", OidcFakeEndpoints.s256(VERIFIER)).get("code");
    String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT);
    assertThat(error(token("Basic " + basic(CLIENT, "wrong"), form + "&code_verifier=" + VERIFIER), 401))
        .isEqualTo("invalid_client");
    String again = authorize("s", OidcFakeEndpoints.s256(VERIFIER)).get("code");
    String second = "grant_type=authorization_code&code=" + enc(again) + "&redirect_uri=" + enc(REDIRECT);
    assertThat(error(token("Basic " + basic(CLIENT, SECRET), second + "&code_verifier=not-the-verifier"), 400))
        .isEqualTo("invalid_grant");
    // client_secret_post works too, and a used code is refused
    String third = authorize("s", null).get("code");
    String post = "grant_type=authorization_code&code=" + enc(third) + "&redirect_uri=" + enc(REDIRECT)
        + "&client_id=" + CLIENT + "&client_secret=" + enc(SECRET);
    assertThat(token(null, post).statusCode()).isEqualTo(200);
    assertThat(error(token(null, post), 400)).isEqualTo("invalid_grant");
  }

  @Test
  void refusalsFollowTheSpec() throws Exception {
    HttpResponse<String> notForm = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
        .header("content-type", "application/json").header("authorization", "Basic " + basic(CLIENT, SECRET))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(error(notForm, 400)).isEqualTo("invalid_request");

    HttpResponse<String> badRedirect = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(idp.authorizationEndpoint()
        + "?response_type=code&client_id=" + CLIENT + "&redirect_uri=" + enc("http://evil.example/cb") + "&state=x"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(badRedirect.statusCode()).isEqualTo(400); // never redirected to an unregistered URI
    assertThat(badRedirect.headers().firstValue("location")).isEmpty();

    idp.deny("access_denied", "the user said no");
    assertThat(authorize("st", null)).containsEntry("error", "access_denied")
        .containsEntry("error_description", "the user said no").containsEntry("state", "st")
        .doesNotContainKey("code");

    HttpResponse<String> info = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(idp.userinfoEndpoint()))
        .header("authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(info.statusCode()).isEqualTo(401);
    assertThat(info.headers().firstValue("www-authenticate")).hasValueSatisfying(v ->
        assertThat(v).contains("invalid_token"));

    idp.deny(null, null);
    idp.failTokens(503, "temporarily_unavailable", "down for maintenance");
    String code = authorize("s", null).get("code");
    assertThat(error(token("Basic " + basic(CLIENT, SECRET), "grant_type=authorization_code&code=" + enc(code)
        + "&redirect_uri=" + enc(REDIRECT)), 503)).isEqualTo("temporarily_unavailable");
  }

  @Test
  void discoveryDescribesTheEndpoints() throws Exception {
    HttpResponse<String> r = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(idp.issuer()
        + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode d = Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(d.path("token_endpoint").asText()).isEqualTo(idp.tokenEndpoint());
    assertThat(d.path("code_challenge_methods_supported").toString()).contains("S256");
  }

  /** The query of the redirect back to the client. */
  private static Map<String, String> authorize(String state, String challenge) throws Exception {
    String url = idp.authorizationEndpoint() + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
        + enc(REDIRECT) + "&scope=openid%20email&state=" + enc(state) + "&nonce=n-" + enc(state)
        + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    HttpResponse<String> r = CLIENT_HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    URI location = URI.create(r.headers().firstValue("location").orElseThrow());
    assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(REDIRECT);
    return OidcFakeEndpoints.form(location.getRawQuery());
  }

  private static HttpResponse<String> token(String authorization, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("authorization", authorization);
    }
    return CLIENT_HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).path("error").asText();
  }

  private static String basic(String id, String secret) {
    return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
