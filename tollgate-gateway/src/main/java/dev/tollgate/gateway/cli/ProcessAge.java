package dev.tollgate.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * How long ago this process started, for the start-up banner.
 *
 * <p>{@code ProcessHandle.info().startInstant()} adds the process's start, in clock ticks since boot, to the boot time,
 * which Linux gives in whole seconds ({@code btime} in {@code /proc/stat}): the banner then said "ready 2079 ms after
 * start" for a start that took 1.3 s. On Linux both ends are read against boot instead: the process's start tick from
 * {@code /proc/self/stat} and the time since boot from {@code /proc/uptime} (10 ms resolution).
 */
final class ProcessAge {
  /** Linux reports {@code /proc} times in USER_HZ ticks, 100 per second on every architecture it supports. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessAge() {}

  /** Milliseconds since this process started, or empty when neither source can tell. */
  static OptionalLong millis() {
    try {
      return OptionalLong.of(millis(Files.readString(Path.of("/proc/self/stat")),
          Files.readString(Path.of("/proc/uptime"))));
    } catch (IOException | RuntimeException e) {
      return ProcessHandle.current().info().startInstant()
          .map(at -> OptionalLong.of(Duration.between(at, Instant.now()).toMillis()))
          .orElse(OptionalLong.empty());
    }
  }

  /**
   * @param stat the text of {@code /proc/<pid>/stat}
   * @param uptime the text of {@code /proc/uptime}
   */
  static long millis(String stat, String uptime) {
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses: fields are counted
    // from after the last ')'. There, field 3 (the state) comes first, so the start time (field 22) is the 20th.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long startTicks = Long.parseLong(fields[19]);
    double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
    return Math.max(0, Math.round(upSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND);
  }
}
