package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class-data archive named by {@code ./tollgate}'s {@code -XX:SharedArchiveFile} flag. The JVM
 * ({@code -XX:+AutoCreateSharedArchive}) makes it at the exit of the first run, but keeps an archive made for an older
 * jar without remaking it, so every later start runs without it. As {@code ./tollgate} does, the benchmark deletes
 * an archive older than the jar; it then starts and stops the gateway once so that the measured starts are the
 * second start a user sees, not the first.
 */
final class ClassDataArchive {
  private static final String FLAG = "-XX:SharedArchiveFile=";

  private ClassDataArchive() {}

  /** The archive path among {@code jvmFlags}, if any. */
  static Optional<Path> of(List<String> jvmFlags) {
    return jvmFlags.stream().filter(f -> f.startsWith(FLAG)).map(f -> Path.of(f.substring(FLAG.length())))
        .findFirst();
  }

  /** True when {@code archive} is missing or older than {@code jar} (after deleting such a stale one). */
  static boolean needsTraining(Path archive, Path jar) throws IOException {
    if (Files.exists(archive)
        && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
      Files.delete(archive);
    }
    return !Files.exists(archive);
  }
}
