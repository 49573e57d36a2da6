package dev.tollgate.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The master key when neither the config nor {@code LITELLM_MASTER_KEY} sets one: read from
 * {@code <state dir>/master_key}, or generated ({@code sk-} + 32 random bytes) and saved there (mode 600), so a
 * restart keeps it.
 */
final class MasterKeys {
  private MasterKeys() {}

  record MasterKey(String value, boolean generated, Path file) {}

  static MasterKey readOrCreate(Path stateDir) {
    Path file = stateDir.resolve("master_key");
    try {
      if (Files.isRegularFile(file)) {
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!key.isEmpty()) {
          return new MasterKey(key, false, file);
        }
      }
      Files.createDirectories(stateDir);
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String key = "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on non-POSIX file systems
      }
      return new MasterKey(key, true, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the master key file " + file, e);
    }
  }
}
