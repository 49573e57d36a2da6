package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GC log of each gateway process the benchmark starts, and the wall-clock windows of that target's measured phases
 * (each open-loop rate, the max-throughput run, the measured streaming round), so that the report says per phase how
 * long the gateway stood still for GC, and (when its pid is known) how its CPU split between the event loops, the JIT
 * compilers, GC, the database writer and the rest ({@link ThreadGroupCpu}). A latency spike in a phase without a
 * matching pause or JIT work is the host's, not the gateway's. Phases of targets without a GC log (direct, nginx,
 * Portkey) are not recorded.
 */
final class GcLogPhases {
  /** A pause at least this long, or any full pause, is worth a warning: it shows in a p99 at the measured rates. */
  static final double LONG_PAUSE_MS = 20;
  static final String TITLE = "The gateway per phase: GC pauses and CPU by thread group";
  static final String LEGEND = "From each gateway's own GC log (-Xlog:gc with wall-clock time, the only JVM flag the "
      + "benchmark adds to ./tollgate's); a pause counts for a phase when any part of it falls within the phase's "
      + "wall-clock window; \"ms in all\" and \"max\" are over young and full pauses. CPU s: CPU seconds of the "
      + "gateway's threads during the phase (/proc/<pid>/task): Vert.x event loops, JIT compiler threads, GC threads "
      + "and the VM thread, the spend writer's database threads, the rest.";

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /**
   * A measured phase of a target, e.g. {@code @1000/s}, from start to end, with the CPU seconds of the gateway's
   * thread groups in it (empty when unknown).
   */
  record Phase(String target, String name, Instant start, Instant end, Map<String, Double> cpu) {
    Phase(String target, String name, Instant start, Instant end) {
      this(target, name, start, end, Map.of());
    }
  }

  /** Where a phase began: the time and the gateway's CPU by thread group (empty when its pid is unknown). */
  record Start(Instant at, Map<String, Long> cpu) {}

  /**
   * The section's lines, one per target and phase (or one per target saying why not), and the warnings. No gateway
   * started, no lines: the section is left out.
   */
  record Report(List<String> lines, List<String> warnings) {
    /** For the console: a blank line, the title, the lines and the legend. */
    String plain() {
      if (lines.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder("\n== " + TITLE + " ==\n");
      lines.forEach(l -> sb.append(l).append('\n'));
      return sb.append(LEGEND).append('\n').toString();
    }

    /** For load-results.md: a section with the lines as a list, then the legend. */
    String markdown() {
      if (lines.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder("## " + TITLE + "\n\n");
      lines.forEach(l -> sb.append("- ").append(l).append('\n'));
      return sb.append('\n').append(LEGEND).append("\n\n").toString();
    }
  }

  private final Map<String, Path> logs = new LinkedHashMap<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final List<Phase> phases = new ArrayList<>();
  private final long clockTicks;

  /** @param clockTicks clock ticks per second of {@code /proc} CPU times */
  GcLogPhases(long clockTicks) {
    this.clockTicks = clockTicks;
  }

  /**
   * The JVM flag that makes the target's gateway write its GC log to {@code gc.log} in the folder; from now on the
   * target's phases are recorded.
   */
  String flag(String target, Path dir) {
    Path file = dir.resolve("gc.log").toAbsolutePath();
    log(target, file);
    return GcLog.flag(file);
  }

  /** The target's GC log is that file (written by a JVM started with {@link GcLog#flag}). */
  void log(String target, Path file) {
    logs.put(target, file);
  }

  /** The target's gateway runs as {@code pid}: its phases also get its CPU by thread group. */
  void pid(String target, long pid) {
    pids.put(target, pid);
  }

  /** A phase of the target begins now. */
  Start start(String target) {
    Long pid = pids.get(target);
    return new Start(Instant.now(), pid == null ? Map.of() : ThreadGroupCpu.read(pid));
  }

  /** Records the target's phase from start until now; nothing when the target has no GC log. */
  void phase(String target, String name, Start start) {
    Long pid = pids.get(target);
    Map<String, Double> cpu = pid == null ? Map.of()
        : ThreadGroupCpu.secondsBetween(start.cpu(), ThreadGroupCpu.read(pid), clockTicks);
    if (logs.containsKey(target)) {
      phases.add(new Phase(target, name, start.at(), Instant.now(), cpu));
    }
  }

  void phase(String target, String name, Instant start, Instant end) {
    if (logs.containsKey(target)) {
      phases.add(new Phase(target, name, start, end));
    }
  }

  /** Reads every log (after the gateways stopped); a missing or unreadable log is a line, never a failure. */
  Report report() {
    List<String> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    logs.forEach((target, file) -> {
      List<Phase> own = phases.stream().filter(p -> p.target().equals(target)).toList();
      if (own.isEmpty()) {
        lines.add(target + ": no measured phase");
        return;
      }
      GcLog log;
      try {
        log = GcLog.read(file);
      } catch (IOException | RuntimeException e) {
        lines.add(target + ": GC log not readable (" + file + ": " + e + ")");
        return;
      }
      if (log.stampedLines() == 0) {
        lines.add(target + ": GC log " + file + " has no line with a wall-clock time; pauses cannot be placed");
        return;
      }
      for (Phase p : own) {
        GcLog.Summary s = log.within(p.start(), p.end());
        lines.add(line(p, s));
        if (s.full() > 0 || s.maxMillis() >= LONG_PAUSE_MS) {
          warnings.add(warning(p, s));
        }
      }
    });
    return new Report(lines, warnings);
  }

  /**
   * E.g. {@code tollgate (master key) @1000/s: 27 young pauses, 112.4 ms in all, max 9.8 ms; 0 full; CPU s: event
   * loops 24.1, JIT 3.2, GC 0.9, database 4.0, other 0.3}.
   */
  static String line(Phase p, GcLog.Summary s) {
    String cpu = ThreadGroupCpu.describe(p.cpu());
    return String.format(Locale.ROOT, "%s %s: %d young pause%s, %.1f ms in all, max %.1f ms; %d full%s", p.target(),
        p.name(), s.young(), s.young() == 1 ? "" : "s", s.totalMillis(), s.maxMillis(), s.full(),
        cpu.isEmpty() ? "" : "; " + cpu);
  }

  /** E.g. {@code tollgate (master key) @1000/s: the gateway paused 34.8 ms for GC (Pause Full (Ergonomics), ...)}. */
  static String warning(Phase p, GcLog.Summary s) {
    GcLog.Pause longest = s.longest();
    return String.format(Locale.ROOT, "%s %s: the gateway paused %.1f ms for GC (%s, ended %s UTC)%s; its latencies "
            + "in this phase include it", p.target(), p.name(), longest.millis(), longest.what(),
        CLOCK.format(longest.end()), s.full() == 0 ? "" : ", " + s.full() + " full pause" + (s.full() == 1 ? "" : "s"));
  }
}
