package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small JSON values into cookie-safe text (AES-256-GCM, key derived from the master key): the browser carries
 * the login's state between the gateway's {@code /sso/*} requests, so any instance sharing the master key can finish
 * a login another one started, with nothing stored. The purpose is authenticated with the value (a flow cookie is
 * not accepted as a session hand-off), and every value carries its expiry.
 */
public final class SealedCookie {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private final SecretKeySpec key;

  private SealedCookie(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Cookies sealed with a key only holders of {@code masterKey} can make. */
  public static SealedCookie keyedBy(String masterKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("tollgate-sso-cookie\n".getBytes(StandardCharsets.UTF_8));
      return new SealedCookie(sha.digest(masterKey.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code value} sealed for {@code purpose}, valid until {@code expiresAtMillis}. */
  public String seal(String purpose, ObjectNode value, long expiresAtMillis) {
    ObjectNode body = value.deepCopy();
    body.put("exp", expiresAtMillis);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, purpose);
      byte[] sealed = c.doFinal(Json.write(body));
      ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value, when {@code text} was sealed by this key for {@code purpose} and has not expired at {@code now}. */
  public Optional<ObjectNode> open(String purpose, String text, long nowMillis) {
    if (text == null || text.isEmpty() || text.length() > 8192) {
      return Optional.empty();
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(text);
      if (raw.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      byte[] nonce = java.util.Arrays.copyOf(raw, NONCE_BYTES);
      Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, purpose);
      JsonNode body = Json.tree(c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES));
      if (!body.isObject() || body.path("exp").asLong(0) <= nowMillis) {
        return Optional.empty();
      }
      return Optional.of((ObjectNode) body);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty(); // altered, sealed by another key or for another purpose, or not ours at all
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String purpose) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(128, nonce));
    c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
    return c;
  }
}
