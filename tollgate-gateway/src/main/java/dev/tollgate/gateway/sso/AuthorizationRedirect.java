package dev.tollgate.gateway.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URL the browser is sent to: the provider's authorization endpoint with an authorization-code request (RFC 6749
 * 4.1.1): {@code response_type=code}, {@code client_id}, {@code redirect_uri}, {@code scope}, {@code state}, with
 * OpenID Connect's {@code nonce} when the scope has {@code openid} and PKCE's S256 challenge when enabled. Parameters
 * already in the configured endpoint ({@code ?audience=...}) are kept.
 */
final class AuthorizationRedirect {
  private AuthorizationRedirect() {}

  static String url(SsoProvider provider, LoginFlow flow) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", provider.clientId());
    params.put("redirect_uri", flow.redirectUri());
    params.put("scope", provider.scope());
    params.put("state", flow.state());
    if (provider.openId()) {
      params.put("nonce", flow.nonce());
    }
    if (flow.verifier() != null) {
      params.put("code_challenge", Randoms.s256(flow.verifier()));
      params.put("code_challenge_method", "S256");
    }
    String base = provider.authorizationEndpoint().toString();
    StringBuilder url = new StringBuilder(base);
    char sep = base.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      url.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
      sep = '&';
    }
    return url.toString();
  }

  /** {@code application/x-www-form-urlencoded} encoding, with spaces as {@code %20} (valid in a query and a form). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
