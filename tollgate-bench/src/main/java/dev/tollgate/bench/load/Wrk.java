package dev.tollgate.bench.load;

import dev.tollgate.bench.load.LoadGenerator.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk as the closed-loop generator of the max-throughput phase: a C event loop on one thread needs far less CPU than
 * the Java generator, which on 2 cores otherwise caps every target's max req/s. The Lua script, the command and the
 * parsing of wrk's report are separate from running it, for tests.
 */
public final class Wrk {
  private Wrk() {}

  public static final Path DEFAULT = Path.of("/usr/bin/wrk");
  public static final int THREADS = 1;

  /** What wrk reported: completed requests (any status), non-2xx/3xx replies, socket errors, requests per second. */
  public record Report(long requests, double seconds, double requestsPerSecond, long non2xx, long connectErrors,
      long readErrors, long writeErrors, long timeouts) {
    public long socketErrors() {
      return connectErrors + readErrors + writeErrors + timeouts;
    }

    public long errors() {
      return non2xx + socketErrors();
    }

    /** Replies with a 2xx/3xx status. */
    public long ok() {
      return Math.max(0, requests - non2xx);
    }

    /** Requests/sec as wrk counts it (every completed reply), scaled to the successful ones. */
    public double okPerSecond() {
      return requests > 0 ? requestsPerSecond * ok() / requests : 0;
    }
  }

  /** A run: the report and the CPU wrk itself used (clock ticks, user + system). */
  public record Run(Report report, long cpuTicks, double wallSeconds) {}

  private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)\\b");
  private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s*([\\d.]+)");
  private static final Pattern NON2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s*(\\d+)");
  private static final Pattern SOCKET = Pattern.compile(
      "(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** Parses wrk's report (stdout of {@code wrk --latency}). */
  public static Report parse(String out) {
    Matcher rps = RPS.matcher(out);
    Matcher req = REQUESTS.matcher(out);
    if (!rps.find() || !req.find()) {
      throw new IllegalArgumentException("not a wrk report: " + out.strip());
    }
    double seconds = Double.parseDouble(req.group(2)) * switch (req.group(3)) {
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "m" -> 60;
      case "h" -> 3600;
      default -> 1;
    };
    Matcher non = NON2XX.matcher(out);
    long non2xx = non.find() ? Long.parseLong(non.group(1)) : 0;
    Matcher sock = SOCKET.matcher(out);
    long[] s = new long[4];
    if (sock.find()) {
      for (int i = 0; i < 4; i++) {
        s[i] = Long.parseLong(sock.group(i + 1));
      }
    }
    return new Report(Long.parseLong(req.group(1)), seconds, Double.parseDouble(rps.group(1)), non2xx, s[0], s[1],
        s[2], s[3]);
  }

  /** A Lua script that POSTs the endpoint's body with its headers (content-type JSON, like the Java generator). */
  public static String script(Endpoint e) {
    StringBuilder sb = new StringBuilder();
    sb.append("wrk.method = \"POST\"\n");
    sb.append("wrk.body = ").append(lua(new String(e.body(), StandardCharsets.UTF_8))).append('\n');
    sb.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
    for (Map.Entry<String, String> h : new java.util.TreeMap<>(e.headers()).entrySet()) {
      sb.append("wrk.headers[").append(lua(h.getKey())).append("] = ").append(lua(h.getValue())).append('\n');
    }
    return sb.toString();
  }

  /** A double-quoted Lua string literal; bytes outside printable ASCII as decimal escapes. */
  static String lua(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append('\\').append(String.format("%03d", c));
      } else {
        sb.append((char) c);
      }
    }
    return sb.append('"').toString();
  }

  /** {@code wrk -t1 -c<connections> -d<seconds>s --latency -s <script> http://host:port/path}. */
  public static List<String> command(Path wrk, Endpoint e, int connections, Duration duration, Path script) {
    long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
    return List.of(wrk.toString(), "-t" + THREADS, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
        "--latency", "-s", script.toString(), "http://" + e.host() + ":" + e.port() + e.path());
  }

  /**
   * Runs wrk and returns its report and CPU time. wrk runs under {@code sh}, which after waiting for it writes its own
   * {@code /proc/<pid>/stat}: its cutime + cstime are exactly the CPU of the waited-for wrk.
   */
  public static Run run(Path wrk, Endpoint e, int connections, Duration duration, Path dir, String name)
      throws IOException, InterruptedException {
    Path script = dir.resolve(name + ".lua");
    Files.writeString(script, script(e));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Path stat = dir.resolve(name + ".shstat");
    Files.deleteIfExists(stat);
    List<String> cmd = new ArrayList<>(List.of("sh", "-c",
        "\"$@\"; rc=$?; cat /proc/$$/stat > '" + stat + "'; exit $rc", "sh"));
    cmd.addAll(command(wrk, e, connections, duration, script));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("wrk did not finish in time");
      }
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    String text = Files.readString(out);
    if (p.exitValue() != 0) {
      throw new IOException("wrk exited " + p.exitValue() + ": " + (text + " " + Files.readString(err)).strip());
    }
    long ticks = Files.exists(stat) ? ProcStats.childCpuTicks(Files.readString(stat)) : -1;
    return new Run(parse(text), ticks, wall);
  }
}
