package dev.tollgate.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making, hashing and abbreviating virtual keys. */
public final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /** A new key: {@code sk-} + 32 random bytes, base64url without padding (46 characters in all). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** LiteLLM's {@code hash_token}: lowercase hex SHA-256 of the UTF-8 key. */
  public static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code value} looks like a stored hash (64 lowercase hex digits) rather than a plaintext key. */
  public static boolean isHash(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The hash for a value given to the management API: hashes a plaintext key, keeps a hash as it is. */
  public static String toHash(String keyOrHash) {
    return isHash(keyOrHash) ? keyOrHash : hash(keyOrHash);
  }

  /** LiteLLM's display form {@code sk-...XXXX}. */
  public static String displayName(String key) {
    return "sk-..." + (key.length() <= 4 ? key : key.substring(key.length() - 4));
  }
}
