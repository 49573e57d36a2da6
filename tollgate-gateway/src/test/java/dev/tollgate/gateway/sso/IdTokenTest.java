package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdTokenTest {
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void readsTheClaimsOfATokenForThisClientWithThisNonce() {
    String token = jwt("{\"sub\":\"ada\",\"aud\":[\"other\",\"cid\"],\"exp\":" + (NOW / 1000 + 60)
        + ",\"nonce\":\"n1\",\"email\":\"ada@example.com\"}");
    assertThat(IdToken.claims(token, "cid", "n1", NOW).path("email").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void refusesAnotherAudienceAnExpiredTokenAndAnotherNonce() {
    long exp = NOW / 1000 + 60;
    assertThatThrownBy(() -> IdToken.claims(jwt("{\"aud\":\"x\",\"exp\":" + exp + ",\"nonce\":\"n1\"}"), "cid", "n1",
        NOW)).isInstanceOf(SsoFailure.class).hasMessageContaining("another client");
    assertThatThrownBy(() -> IdToken.claims(jwt("{\"aud\":\"cid\",\"exp\":" + (NOW / 1000 - 61)
        + ",\"nonce\":\"n1\"}"), "cid", "n1", NOW)).hasMessageContaining("expired");
    assertThatThrownBy(() -> IdToken.claims(jwt("{\"aud\":\"cid\",\"exp\":" + exp + "}"), "cid", "n1", NOW))
        .hasMessageContaining("nonce");
    assertThatThrownBy(() -> IdToken.claims("not-a-jwt", "cid", null, NOW)).hasMessageContaining("not a JWT");
    assertThat(((SsoFailure) catchIt(() -> IdToken.claims("a.!!!.c", "cid", null, NOW))).status()).isEqualTo(502);
  }

  private static Throwable catchIt(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String jwt(String claims) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }
}
