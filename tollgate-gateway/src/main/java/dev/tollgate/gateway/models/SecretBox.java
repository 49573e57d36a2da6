package dev.tollgate.gateway.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the credentials in a stored model's {@code litellm_params} (AES-256-GCM, JDK only). The key is SHA-256 of
 * env {@code LITELLM_SALT_KEY} when set (as LiteLLM), else of the master key; every instance sharing a database must
 * therefore share that secret, and changing it makes stored credentials unreadable (those models are skipped with a
 * warning). An encrypted value is the text {@code tgenc:v1:<base64(12-byte nonce + ciphertext + tag)>} of the
 * value's JSON, so strings and objects ({@code vertex_credentials}) both survive; other values stay as written.
 */
public final class SecretBox {
  /** {@code litellm_params} keys holding credentials: encrypted at rest, never printed by {@code /model/info}. */
  public static final Set<String> SECRET_PARAMS = Set.of(
      "api_key", "vertex_credentials", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
      "aws_web_identity_token", "client_secret", "azure_ad_token", "azure_password", "azure_username");
  static final String PREFIX = "tgenc:v1:";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A box keyed by {@code saltKey} when it is set, else by {@code masterKey}. */
  public static SecretBox of(String saltKey, String masterKey) {
    String secret = saltKey != null && !saltKey.isBlank() ? saltKey : masterKey;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("tollgate-model-secrets\n".getBytes(StandardCharsets.UTF_8));
      return new SecretBox(sha.digest((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of {@code params} with every present secret encrypted. */
  public ObjectNode seal(ObjectNode params) {
    return seal(params, SECRET_PARAMS);
  }

  /** A copy of {@code params} with the present values of {@code names} encrypted (guardrails name other secrets). */
  public ObjectNode seal(ObjectNode params, Set<String> names) {
    ObjectNode out = params.deepCopy();
    for (String name : names) {
      JsonNode v = out.get(name);
      if (v != null && !v.isNull() && !(v.isTextual() && v.textValue().startsWith(PREFIX))) {
        out.put(name, encrypt(Json.writeString(v)));
      }
    }
    return out;
  }

  /** A copy of {@code params} with every encrypted value decrypted; throws when the key does not fit. */
  public ObjectNode open(ObjectNode params) {
    ObjectNode out = params.deepCopy();
    params.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (v.isTextual() && v.textValue().startsWith(PREFIX)) {
        out.set(e.getKey(), Json.tree(decrypt(v.textValue()).getBytes(StandardCharsets.UTF_8)));
      }
    });
    return out;
  }

  String encrypt(String plain) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a model credential", e);
    }
  }

  String decrypt(String text) {
    try {
      byte[] all = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot decrypt a stored model credential: LITELLM_SALT_KEY (or the master key) "
          + "differs from the one it was stored with", e);
    }
  }
}
