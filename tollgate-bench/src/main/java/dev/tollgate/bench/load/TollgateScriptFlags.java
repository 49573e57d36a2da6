package dev.tollgate.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags {@code ./tollgate} starts the gateway with, read from the script itself so that the benchmark measures
 * exactly what users run.
 */
final class TollgateScriptFlags {
  private static final Pattern DEFAULTS = Pattern.compile("JVM_OPTS=\\$\\{TOLLGATE_JVM_OPTS:-\"([^\"]*)\"}");

  private static final String ARCHIVE = "-XX:SharedArchiveFile=";

  private TollgateScriptFlags() {}

  /** The flags, with a relative class-data archive path made absolute against the script's folder. */
  static List<String> read(Path script) {
    Path home = script.toAbsolutePath().getParent();
    try {
      return parse(Files.readString(script)).stream()
          .map(flag -> flag.startsWith(ARCHIVE) && !Path.of(flag.substring(ARCHIVE.length())).isAbsolute()
              ? ARCHIVE + home.resolve(flag.substring(ARCHIVE.length())).normalize()
              : flag)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JVM flags from " + script.toAbsolutePath(), e);
    }
  }

  static List<String> parse(String scriptText) {
    Matcher m = DEFAULTS.matcher(scriptText);
    if (!m.find()) {
      throw new IllegalStateException("./tollgate has no JVM_OPTS=${TOLLGATE_JVM_OPTS:-\"...\"} line");
    }
    return Arrays.stream(m.group(1).trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
  }
}
