package dev.tollgate.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fake OpenID Connect provider on 127.0.0.1 for single sign-on tests, speaking the real wire format of the
 * authorization-code flow (RFC 6749 4.1, PKCE RFC 7636, OpenID Connect Core 3.1):
 * <ul>
 *   <li>{@code GET /authorize} approves at once, as the configured test user ({@link #signInAs}): it redirects to the
 *       client's {@code redirect_uri} with {@code code} and the echoed {@code state} (or with {@code error} when
 *       {@link #deny} is set). An unknown client or an unregistered redirect URI gets a 400 page, not a redirect.</li>
 *   <li>{@code POST /token} takes a form-encoded {@code authorization_code} grant, the client authenticated with HTTP
 *       Basic or {@code client_id}/{@code client_secret} in the form; checks the code (once, unexpired, same client
 *       and redirect URI) and the PKCE verifier; answers {@code access_token}, {@code token_type: Bearer},
 *       {@code expires_in}, {@code scope} and an HS256 {@code id_token} (key: the client secret) with the request's
 *       {@code nonce}, or an RFC 6749 5.2 error.</li>
 *   <li>{@code GET /userinfo} with {@code Authorization: Bearer <access_token>} answers the user's claims, else 401
 *       with {@code WWW-Authenticate: Bearer error="invalid_token"}.</li>
 *   <li>{@code GET /.well-known/openid-configuration} describes the above.</li>
 * </ul>
 * Every authorization and token request is recorded for assertions. Thread safe.
 */
public final class FakeOidcProvider implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final OidcFakeState state;

  private FakeOidcProvider(String clientId, String clientSecret) {
    this.vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    try {
      this.state = new OidcFakeState(clientId, clientSecret);
      OidcFakeEndpoints endpoints = new OidcFakeEndpoints(state, this::issuer);
      this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
              .setHttp2ClearTextEnabled(false))
          .requestHandler(endpoints::handle).listen().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start the fake OIDC provider", e);
    }
  }

  /** A provider on a free port that knows one client. */
  public static FakeOidcProvider start(String clientId, String clientSecret) {
    return new FakeOidcProvider(clientId, clientSecret);
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>}, also the {@code iss} of its id_tokens. */
  public String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String authorizationEndpoint() {
    return issuer() + OidcFakeEndpoints.AUTHORIZE;
  }

  public String tokenEndpoint() {
    return issuer() + OidcFakeEndpoints.TOKEN;
  }

  public String userinfoEndpoint() {
    return issuer() + OidcFakeEndpoints.USERINFO;
  }

  /**
   * The user the authorization endpoint approves from now on: its claims (with {@code sub}) are the userinfo answer
   * and, with the standard ones, the id_token's.
   */
  public void signInAs(Map<String, Object> claims) {
    if (!claims.containsKey("sub")) {
      throw new IllegalArgumentException("claims need a 'sub'");
    }
    state.user = new LinkedHashMap<>(claims);
  }

  /** Only these redirect URIs are accepted (none given: any). */
  public void registerRedirectUris(String... uris) {
    state.redirectUris = List.of(uris);
  }

  /** The authorization endpoint refuses from now on, redirecting back with this RFC 6749 error (null: approve). */
  public void deny(String error, String description) {
    state.denial = error == null ? null : new String[] {error, description};
  }

  /** The token endpoint answers this status and RFC 6749 error from now on (null error: grant normally). */
  public void failTokens(int status, String error, String description) {
    state.tokenFailure = error == null ? null : new Object[] {status, error, description};
  }

  /** The id_tokens carry this nonce instead of the requested one (null: the requested one); for negative tests. */
  public void idTokenNonce(String nonce) {
    state.nonceOverride = nonce;
  }

  /** Whether the token answer has an id_token (default true). */
  public void issueIdTokens(boolean issue) {
    state.issueIdToken = issue;
  }

  /** The query parameters of every authorization request, oldest first. */
  public List<Map<String, String>> authorizationRequests() {
    synchronized (state.authorizations) {
      return new ArrayList<>(state.authorizations);
    }
  }

  /** Every token request, oldest first. */
  public List<TokenRequest> tokenRequests() {
    synchronized (state.tokenRequests) {
      return new ArrayList<>(state.tokenRequests);
    }
  }

  /** How many userinfo requests succeeded. */
  public int userinfoServed() {
    return state.userinfoServed.get();
  }

  /**
   * One token request as it arrived.
   *
   * @param contentType the request's {@code Content-Type}
   * @param authorization the {@code Authorization} header, or null
   * @param form the decoded form fields
   */
  public record TokenRequest(String contentType, String authorization, Map<String, String> form) {}

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }
}
