package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Reads CPU time and memory of processes from {@code /proc}. Parsing is separate from reading for tests. */
public final class ProcStats {
  private ProcStats() {}

  /** utime + stime in clock ticks from the text of {@code /proc/<pid>/stat}. */
  public static long cpuTicks(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: split after the last ')'.
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line");
    }
    String[] rest = stat.substring(close + 1).trim().split("\\s+");
    // rest[0] is field 3 (state); utime is field 14, stime field 15.
    return Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
  }

  /** cutime + cstime in clock ticks: the CPU of the waited-for children, from {@code /proc/<pid>/stat}. */
  public static long childCpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line");
    }
    String[] rest = stat.substring(close + 1).trim().split("\\s+");
    return Long.parseLong(rest[16 - 3]) + Long.parseLong(rest[17 - 3]);
  }

  /**
   * The whole host's CPU ticks from the text of {@code /proc/stat} (its {@code cpu} line, summed over all cores):
   * {@code {busy, total}}, where busy is everything but idle and iowait.
   */
  public static long[] hostTicks(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.substring(4).trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
        for (int i = 0; i < Math.min(8, f.length); i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new long[] {total - idle, total};
      }
    }
    throw new IllegalArgumentException("no cpu line in /proc/stat");
  }

  /** {@link #hostTicks(String)} of this machine now; {@code {0, 0}} where {@code /proc/stat} cannot be read. */
  public static long[] hostTicks() {
    String stat = read(Path.of("/proc/stat"));
    return stat == null ? new long[] {0, 0} : hostTicks(stat);
  }

  /** A {@code kB} field such as {@code VmHWM} or {@code VmRSS} from the text of {@code /proc/<pid>/status}, in kB. */
  public static OptionalLong statusKb(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field + ":")) {
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]));
      }
    }
    return OptionalLong.empty();
  }

  /** The process and all its descendants (nginx master + workers, node and any children). */
  public static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  /**
   * utime + stime (ticks) of the process alone, without its children: for the benchmark's own JVM, whose descendants
   * are the targets and the fakes. 0 when it vanished.
   */
  public static long cpuTicksOf(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    return stat == null ? 0 : cpuTicks(stat);
  }

  /** Sum of utime + stime (ticks) over the tree of {@code pid}; processes that vanished count 0. */
  public static long cpuTicksOfTree(long pid) {
    long sum = 0;
    for (long p : tree(pid)) {
      String stat = read(Path.of("/proc", Long.toString(p), "stat"));
      if (stat != null) {
        sum += cpuTicks(stat);
      }
    }
    return sum;
  }

  /** Sum of a status field (kB) over the tree of {@code pid}. */
  public static long statusKbOfTree(long pid, String field) {
    long sum = 0;
    for (long p : tree(pid)) {
      String status = read(Path.of("/proc", Long.toString(p), "status"));
      if (status != null) {
        sum += statusKb(status, field).orElse(0);
      }
    }
    return sum;
  }

  /** Resets the peak RSS (VmHWM) of the tree to the current RSS ({@code echo 5 > clear_refs}); false if not allowed. */
  public static boolean resetPeakRss(long pid) {
    boolean all = true;
    for (long p : tree(pid)) {
      try {
        Files.writeString(Path.of("/proc", Long.toString(p), "clear_refs"), "5");
      } catch (IOException | RuntimeException e) {
        all = false;
      }
    }
    return all;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      return null;
    }
  }
}
