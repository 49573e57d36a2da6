package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.Optional;

/**
 * One login in progress, carried in the browser's sealed {@code tollgate_sso_flow} cookie from {@code /sso/key/generate}
 * to {@code /sso/callback}: the {@code state} the provider must echo, the OIDC {@code nonce} an id_token must carry,
 * PKCE's verifier (null without PKCE) and the redirect URI the token request must repeat.
 */
record LoginFlow(String state, String nonce, String verifier, String redirectUri) {
  static final String PURPOSE = "sso-flow";

  static LoginFlow start(String redirectUri, boolean pkce) {
    return new LoginFlow(Randoms.token(), Randoms.token(), pkce ? Randoms.token() : null, redirectUri);
  }

  String seal(SealedCookie cookies, long expiresAt) {
    ObjectNode v = Json.object();
    v.put("state", state);
    v.put("nonce", nonce);
    if (verifier != null) {
      v.put("verifier", verifier);
    }
    v.put("redirect_uri", redirectUri);
    return cookies.seal(PURPOSE, v, expiresAt);
  }

  static Optional<LoginFlow> open(SealedCookie cookies, String text, long now) {
    return cookies.open(PURPOSE, text, now).map(v -> new LoginFlow(v.path("state").asText(), v.path("nonce").asText(),
        v.hasNonNull("verifier") ? v.get("verifier").asText() : null, v.path("redirect_uri").asText()));
  }
}
