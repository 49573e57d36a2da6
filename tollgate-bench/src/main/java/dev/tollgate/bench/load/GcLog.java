package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a gateway's unified GC log, so that a latency spike in a measured phase can be put down
 * to a GC pause or not (if the gateway was not paused, the host stalled). The log is written with {@link #flag}: GC
 * lines only, each decorated with the wall-clock time, which the benchmark compares with the wall-clock windows of its
 * phases. A pause line, as ParallelGC prints it:
 *
 * <pre>
 * [2026-11-26T16:59:51.418+0000][0.184s][info][gc] GC(14) Pause Full (Allocation Failure) 52M->37M(59M) 16.506ms
 * </pre>
 *
 * The JVM writes that line when the pause is over, so its time is the pause's end. Every other line (start-up lines,
 * the {@code gc,start} line of a pause, phases, a line cut short because the process was killed) is ignored.
 */
final class GcLog {
  /** Young pauses collect the young generation only; full pauses the whole heap, and take longest. */
  enum Kind { YOUNG, FULL }

  /** One pause: when it ended (wall clock, millisecond precision), its kind, what it was ("Pause Young (...)"). */
  record Pause(Instant end, Kind kind, String what, double millis) {
    Instant start() {
      return end.minusNanos(Math.round(millis * 1_000_000));
    }
  }

  /** The pauses of a window: how many of each kind, their sum and the longest (null when there was none). */
  record Summary(int young, int full, double totalMillis, Pause longest) {
    int count() {
      return young + full;
    }

    double maxMillis() {
      return longest == null ? 0 : longest.millis();
    }
  }

  /** The {@code time} decoration: local wall-clock time with its UTC offset. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Pattern STAMP = Pattern.compile("^\\[([^\\]]+)]");
  // A cause may hold one level of parentheses: "Pause Full (System.gc())"; G1 prints two causes in a row.
  private static final Pattern PAUSE = Pattern.compile(
      "\\bGC\\(\\d+\\) (Pause (Young|Full)(?: \\((?:[^()]|\\([^()]*\\))*\\))*) .*?(\\d+(?:\\.\\d+)?)ms\\s*$");

  private final List<Pause> pauses;
  private final int stampedLines;

  private GcLog(List<Pause> pauses, int stampedLines) {
    this.pauses = List.copyOf(pauses);
    this.stampedLines = stampedLines;
  }

  /**
   * The JVM flag that writes the GC log to the file: GC lines (tag {@code gc} exactly, one per pause) decorated with
   * wall-clock time, uptime, level and tags; {@code filecount=0} keeps one file (no rotation drops early lines). The
   * path must not hold a colon or a comma, which end the file name in {@code -Xlog}'s syntax.
   */
  static String flag(Path file) {
    String path = file.toAbsolutePath().toString();
    if (path.contains(":") || path.contains(",")) {
      throw new IllegalArgumentException("a GC log path with ':' or ',' cannot be given to -Xlog: " + path);
    }
    return "-Xlog:gc:file=" + path + ":time,uptime,level,tags:filecount=0";
  }

  static GcLog read(Path file) throws IOException {
    return parse(Files.readAllLines(file));
  }

  static GcLog parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    int stamped = 0;
    for (String line : lines) {
      Instant time = time(line);
      if (time == null) {
        continue;
      }
      stamped++;
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses.add(new Pause(time, m.group(2).equals("Full") ? Kind.FULL : Kind.YOUNG, m.group(1),
            Double.parseDouble(m.group(3))));
      }
    }
    return new GcLog(pauses, stamped);
  }

  /** The wall-clock decoration of a line (the first one when present), or null. */
  private static Instant time(String line) {
    Matcher m = STAMP.matcher(line);
    if (!m.find()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(m.group(1), TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  List<Pause> pauses() {
    return pauses;
  }

  /** Lines with a wall-clock decoration, pauses or not: none means the log was not written with {@link #flag}. */
  int stampedLines() {
    return stampedLines;
  }

  /**
   * The pauses that overlap the window [start, end]: a pause that began before the window and ended in it delayed
   * requests of the window as much as one inside it.
   */
  Summary within(Instant start, Instant end) {
    int young = 0;
    int full = 0;
    double total = 0;
    Pause longest = null;
    for (Pause p : pauses) {
      if (p.end().isBefore(start) || p.start().isAfter(end)) {
        continue;
      }
      if (p.kind() == Kind.FULL) {
        full++;
      } else {
        young++;
      }
      total += p.millis();
      if (longest == null || p.millis() > longest.millis()) {
        longest = p;
      }
    }
    return new Summary(young, full, total, longest);
  }
}
