package dev.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child process the benchmark started, its output in files. Every one is registered so a shutdown hook can stop
 * them all, also on failure; stopping takes the process and all its descendants (e.g. nginx workers).
 */
public final class ManagedProcess implements AutoCloseable {
  private static final List<ManagedProcess> ALL = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "load-bench-cleanup"));
  }

  public final String name;
  public final Process process;
  public final Path stdout;
  public final Path stderr;
  public final long startedNanos;

  private ManagedProcess(String name, Process process, Path stdout, Path stderr, long startedNanos) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.startedNanos = startedNanos;
  }

  public static ManagedProcess start(String name, List<String> command, Path dir, Path workDir,
      Map<String, String> env) throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    ManagedProcess mp = new ManagedProcess(name, p, out, err, t0);
    ALL.add(mp);
    return mp;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits up to the timeout for a stdout line starting with the prefix; returns it or null. */
  public String awaitLine(String prefix, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        for (String line : Files.readAllLines(stdout)) {
          if (line.startsWith(prefix)) {
            return line.trim();
          }
        }
      } catch (IOException e) {
        // not yet written
      }
      Thread.sleep(20);
    }
    return null;
  }

  /** The last lines of stderr and stdout, for error messages. */
  public String tail() {
    StringBuilder sb = new StringBuilder();
    for (Path p : List.of(stderr, stdout)) {
      try {
        List<String> lines = Files.readAllLines(p);
        lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> sb.append(l).append(' '));
      } catch (IOException e) {
        // nothing
      }
    }
    return sb.toString().trim();
  }

  /**
   * SIGTERM to the process, then SIGKILL to whatever of it and its descendants is left after 15 s (a JVM writing its
   * class-data archive at exit needs a few seconds).
   */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle h : tree) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    ALL.remove(this);
  }

  public static void stopAll() {
    for (ManagedProcess p : List.copyOf(ALL)) {
      p.close();
    }
  }
}
