package dev.tollgate.gateway.sso;

import java.net.URI;
import java.util.Map;

/**
 * One OAuth 2.0 / OpenID Connect client: the provider's endpoints, this gateway's client credentials and how to read
 * the user from the answer. Google and Microsoft are this same authorization-code flow with fixed endpoints
 * ({@link SsoProviderReader}).
 *
 * @param name {@code generic}, {@code google} or {@code microsoft} (stored as the user's {@code auth_provider} when the
 *     answer names none)
 * @param scope space-separated scopes sent to the authorization endpoint
 * @param pkce send an S256 code challenge and the verifier (RFC 7636)
 * @param clientIdInBody also send {@code client_id} in the token request's form body
 *     ({@code GENERIC_INCLUDE_CLIENT_ID}); the client always authenticates with HTTP Basic
 * @param extraHeaders sent with the token and userinfo requests ({@code GENERIC_SSO_HEADERS})
 */
public record SsoProvider(String name, String clientId, String clientSecret, URI authorizationEndpoint,
    URI tokenEndpoint, URI userinfoEndpoint, String scope, boolean pkce, boolean clientIdInBody,
    Map<String, String> extraHeaders, ClaimNames claims) {

  public SsoProvider {
    extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
  }

  /** Whether the scope asks for OpenID Connect (then a nonce is sent and an id_token, if returned, is checked). */
  public boolean openId() {
    for (String s : scope.split(" ")) {
      if (s.equals("openid")) {
        return true;
      }
    }
    return false;
  }

  /** Prints no secret. */
  @Override
  public String toString() {
    return "SsoProvider[" + name + ", client_id=" + clientId + ", authorization=" + authorizationEndpoint + "]";
  }
}
