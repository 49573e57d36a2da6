package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@link FakeOidcProvider}'s id_tokens: compact JWS, HS256 with the client secret as key (OpenID Connect Core
 * 10.1 allows it for confidential clients), with {@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code exp}
 * (5 minutes), the request's {@code nonce} and the user's other claims.
 */
final class FakeIdTokens {
  private FakeIdTokens() {}

  static String hs256(String issuer, String clientId, String secret, String nonce, Map<String, Object> user) {
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = Json.MAPPER.valueToTree(user);
    claims.put("iss", issuer);
    claims.put("aud", clientId);
    claims.put("iat", now);
    claims.put("exp", now + 300);
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + b64.encodeToString(Json.write(claims));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
