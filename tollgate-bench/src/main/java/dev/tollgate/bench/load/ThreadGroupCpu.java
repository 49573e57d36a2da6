package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of one JVM process by thread group, read from {@code /proc/<pid>/task/<tid>/comm} and {@code stat}: the
 * gateway's event loops, the JIT compilers, the garbage collector, the database writer and the rest. Taken at the
 * start and the end of a measured phase, the difference tells whether a latency spike came with JIT compilation or GC
 * work rather than with the gateway's own code. Threads that ended during the phase are not counted.
 */
final class ThreadGroupCpu {
  /** The groups, in report order. */
  static final String EVENT_LOOPS = "event loops";
  static final String JIT = "JIT";
  static final String GC = "GC";
  static final String DATABASE = "database";
  static final String OTHER = "other";

  private ThreadGroupCpu() {}

  /** The group of a thread by its name as {@code comm} shows it (at most 15 characters). */
  static String group(String comm) {
    if (comm.startsWith("vert.x-eventloo")) {
      return EVENT_LOOPS;
    }
    if (comm.startsWith("C2 CompilerThre") || comm.startsWith("C1 CompilerThre")) {
      return JIT;
    }
    if (comm.startsWith("GC Thread") || comm.equals("VM Thread")) {
      return GC; // ParallelGC's workers; the VM thread runs the collections' safepoints
    }
    if (comm.startsWith("tollgate-db") || comm.startsWith("tollgate-spend")) {
      return DATABASE;
    }
    return OTHER;
  }

  /** Clock ticks per group of the process's threads now; empty when the process is gone. */
  static Map<String, Long> read(long pid) {
    Map<String, Long> ticks = empty();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(t -> {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          long cpu = ProcStats.cpuTicks(Files.readString(t.resolve("stat")));
          ticks.merge(group(comm), cpu, Long::sum);
        } catch (IOException | RuntimeException ended) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException | RuntimeException gone) {
      return Map.of();
    }
    return ticks;
  }

  /** {@code after - before} per group, in seconds; empty when either snapshot is. */
  static Map<String, Double> secondsBetween(Map<String, Long> before, Map<String, Long> after, long clockTicks) {
    if (before.isEmpty() || after.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    empty().keySet().forEach(g -> seconds.put(g,
        Math.max(0, after.getOrDefault(g, 0L) - before.getOrDefault(g, 0L)) / (double) clockTicks));
    return seconds;
  }

  /** E.g. {@code CPU s: event loops 24.1, JIT 3.2, GC 0.9, database 4.0, other 0.3}; empty text when unknown. */
  static String describe(Map<String, Double> seconds) {
    if (seconds.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("CPU s: ");
    seconds.forEach((g, s) -> sb.append(sb.length() > 7 ? ", " : "").append(g).append(' ')
        .append(String.format(Locale.ROOT, "%.1f", s)));
    return sb.toString();
  }

  private static Map<String, Long> empty() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String g : new String[] {EVENT_LOOPS, JIT, GC, DATABASE, OTHER}) {
      m.put(g, 0L);
    }
    return m;
  }
}
