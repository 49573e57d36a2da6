package dev.tollgate.gateway.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LiteLLM's duration strings ({@code duration_in_seconds}): {@code 30s}, {@code 30m}, {@code 1h}, {@code 7d}, {@code 2w}, {@code 1mo}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(s|m|h|d|w|mo)");

  private Durations() {}

  /** True when {@code text} is a valid duration string. */
  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text.strip()).matches();
  }

  /** The instant {@code text} after {@code from} (months are calendar months, UTC). */
  public static long after(long fromMillis, String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(describe(text));
    }
    long n = Long.parseLong(m.group(1));
    if (m.group(2).equals("mo")) {
      ZonedDateTime from = Instant.ofEpochMilli(fromMillis).atZone(ZoneOffset.UTC);
      return from.plusMonths(n).toInstant().toEpochMilli();
    }
    Duration unit = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      case "d" -> Duration.ofDays(1);
      default -> Duration.ofDays(7);
    };
    return fromMillis + unit.multipliedBy(n).toMillis();
  }

  public static String describe(String text) {
    return "'" + text + "' is not a duration: use a number and a unit, e.g. 30s, 30m, 1h, 1d, 7d, 2w or 1mo";
  }
}
