package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import org.junit.jupiter.api.Test;

class SealedCookieTest {
  private final SealedCookie cookies = SealedCookie.keyedBy("sk-master");

  @Test
  void opensOnlyWhatItSealedForThatPurposeBeforeItExpires() {
    ObjectNode v = Json.object();
    v.put("state", "abc");
    String sealed = cookies.seal("flow", v, 2_000);
    assertThat(sealed).doesNotContain("abc").matches("[A-Za-z0-9_-]+");
    assertThat(cookies.open("flow", sealed, 1_999)).hasValueSatisfying(o ->
        assertThat(o.path("state").asText()).isEqualTo("abc"));
    assertThat(cookies.open("flow", sealed, 2_000)).isEmpty(); // expired
    assertThat(cookies.open("session", sealed, 1_000)).isEmpty(); // another purpose
    assertThat(SealedCookie.keyedBy("sk-other").open("flow", sealed, 1_000)).isEmpty(); // another master key
    char[] tampered = sealed.toCharArray();
    tampered[tampered.length / 2] = tampered[tampered.length / 2] == 'A' ? 'B' : 'A';
    assertThat(cookies.open("flow", new String(tampered), 1_000)).isEmpty();
    assertThat(cookies.open("flow", "not*base64", 1_000)).isEmpty();
    assertThat(cookies.open("flow", null, 1_000)).isEmpty();
    assertThat(cookies.seal("flow", v, 2_000)).isNotEqualTo(sealed); // a fresh nonce each time
  }
}
