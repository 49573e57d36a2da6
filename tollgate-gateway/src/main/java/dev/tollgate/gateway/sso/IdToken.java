package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.Base64;

/**
 * Reads the claims of the id_token the token endpoint returned and checks what binds it to this login: it is for this
 * client ({@code aud}), not expired ({@code exp}), and carries the login's {@code nonce}. The signature is not
 * checked: the token came straight from the token endpoint over the connection the gateway opened, which OpenID
 * Connect Core (3.1.3.7) accepts in place of a signature check for the code flow; its claims are only a fallback for
 * what the userinfo answer lacks.
 */
final class IdToken {
  /** Clock skew allowed on {@code exp}. */
  static final long SKEW_SECONDS = 60;

  private IdToken() {}

  static ObjectNode claims(String idToken, String clientId, String nonce, long nowMillis) {
    String[] parts = idToken.split("\\.");
    if (parts.length < 2) {
      throw SsoFailure.provider("The id_token is not a JWT.");
    }
    JsonNode claims;
    try {
      claims = Json.tree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (RuntimeException e) {
      throw SsoFailure.provider("The id_token's claims are not base64url JSON.");
    }
    if (!claims.isObject()) {
      throw SsoFailure.provider("The id_token's claims are not a JSON object.");
    }
    if (!audienceHas(claims.get("aud"), clientId)) {
      throw SsoFailure.provider("The id_token was issued for another client (aud " + claims.get("aud")
          + ", expected " + clientId + ").");
    }
    long exp = claims.path("exp").asLong(0);
    if (exp == 0 || exp + SKEW_SECONDS <= nowMillis / 1000) {
      throw SsoFailure.provider("The id_token has expired (exp " + exp + ").");
    }
    if (nonce != null && !nonce.equals(claims.path("nonce").asText(null))) {
      throw SsoFailure.provider("The id_token does not carry this sign-in's nonce; start the sign-in again.");
    }
    return (ObjectNode) claims;
  }

  private static boolean audienceHas(JsonNode aud, String clientId) {
    if (aud == null) {
      return false;
    }
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (clientId.equals(a.asText())) {
          return true;
        }
      }
      return false;
    }
    return clientId.equals(aud.asText());
  }
}
