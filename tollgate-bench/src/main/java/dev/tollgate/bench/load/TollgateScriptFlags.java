package dev.tollgate.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags {@code ./tollgate} starts the gateway with, and the environment defaults it exports
 * ({@code export NAME="${NAME:-value}"}), read from the script itself so that the benchmark measures exactly what users
 * run.
 */
final class TollgateScriptFlags {
  private static final Pattern DEFAULTS = Pattern.compile("JVM_OPTS=\\$\\{TOLLGATE_JVM_OPTS:-\"([^\"]*)\"}");

  private static final String ARCHIVE = "-XX:SharedArchiveFile=";
  private static final Pattern EXPORT = Pattern.compile("(?m)^export (\\w+)=\"\\$\\{\\1:-([^}\"]*)}\"\\s*$");

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

  /** The environment defaults the script exports, as the gateway gets them when the caller's environment has none. */
  static Map<String, String> environment(Path script) {
    try {
      return exports(Files.readString(script));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the environment from " + script.toAbsolutePath(), e);
    }
  }

  static Map<String, String> exports(String scriptText) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = EXPORT.matcher(scriptText);
    while (m.find()) {
      String own = System.getenv(m.group(1));
      out.put(m.group(1), own != null ? own : m.group(2));
    }
    return out;
  }
}
