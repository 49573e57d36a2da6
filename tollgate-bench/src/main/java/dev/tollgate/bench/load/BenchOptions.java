package dev.tollgate.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Command-line options of {@link LoadBenchmark}. */
public record BenchOptions(Duration duration, Duration warmup, Duration warmupMax, List<Integer> rates, List<String> targets, int streams,
    int connections, int openLoopPool, long clockTicks, String java, Path fakeJar, Path gatewayJar, Path portkeyDir,
    Path nginx, Path wrk, Path out) {

  public static final Set<String> KNOWN_TARGETS = Set.of("direct", "nginx", "tollgate", "portkey");

  public static final String USAGE = """
      usage: LoadBenchmark [options]
        --duration S        seconds per rate and for the closed-loop run (default 30)
        --warmup S          minimum warm-up seconds per target (default 15); the warm-up goes on until the
                            closed-loop throughput of the last 3 s is within 10% of the 3 s before it and
                            a JVM target's JIT compiler threads used at most 5% of a core in those 3 s
        --warmup-max S      cap of the warm-up (default 90)
        --rates A,B,C       open-loop rates in req/s (default 500,1000,2000)
        --quick             5 s runs, 2-10 s warm-up, for development
        --targets LIST      any of direct,nginx,tollgate,portkey (default: all; direct is the baseline)
        --streams N         concurrent streams in the streaming run (default 1000)
        --connections N     closed-loop connections (default 64)
        --pool N            open-loop connection pool of the generator (default 512)
        --clk-tck N         clock ticks per second for /proc CPU times (default 100)
        --java PATH         java for the fake and the gateway (default: this JVM's)
        --fake-jar PATH     tollgate-testkit standalone jar
        --gateway-jar PATH  tollgate-gateway-all.jar
        --portkey-dir PATH  folder holding node_modules/@portkey-ai/gateway
        --nginx PATH        nginx binary (default /usr/sbin/nginx)
        --wrk PATH          wrk for the max-throughput run (default /usr/bin/wrk; the Java generator when missing)
        --out PATH          Markdown results (default tollgate-bench/target/load-results.md)
      """;

  /** Parses the arguments; null means help was asked for. */
  public static BenchOptions parse(String[] args) {
    Duration duration = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(15);
    Duration warmupMax = Duration.ofSeconds(90);
    boolean durationSet = false;
    boolean warmupSet = false;
    boolean warmupMaxSet = false;
    boolean quick = false;
    List<Integer> rates = List.of(500, 1000, 2000);
    List<String> targets = List.of("direct", "nginx", "tollgate", "portkey");
    int streams = 1000;
    int connections = 64;
    int pool = 512;
    long clk = 100;
    String java = ProcessHandle.current().info().command().orElse("java");
    Path fakeJar = Path.of("tollgate-testkit/target/tollgate-testkit-0.1.0-SNAPSHOT-standalone.jar");
    Path gatewayJar = Path.of("tollgate-gateway/target/tollgate-gateway-all.jar");
    Path portkeyDir = Path.of("tollgate-bench/target/portkey");
    Path nginx = Path.of("/usr/sbin/nginx");
    Path wrk = Wrk.DEFAULT;
    Path out = Path.of("tollgate-bench/target/load-results.md");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--quick" -> quick = true;
        case "--duration" -> {
          duration = Duration.ofMillis(Math.round(1000 * positive(a, value(args, ++i, a))));
          durationSet = true;
        }
        case "--warmup" -> {
          warmup = Duration.ofMillis(Math.round(1000 * nonNegative(a, value(args, ++i, a))));
          warmupSet = true;
        }
        case "--warmup-max" -> {
          warmupMax = Duration.ofMillis(Math.round(1000 * nonNegative(a, value(args, ++i, a))));
          warmupMaxSet = true;
        }
        case "--rates" -> rates = rates(value(args, ++i, a));
        case "--targets" -> targets = targets(value(args, ++i, a));
        case "--streams" -> streams = (int) positive(a, value(args, ++i, a));
        case "--connections" -> connections = (int) positive(a, value(args, ++i, a));
        case "--pool" -> pool = (int) positive(a, value(args, ++i, a));
        case "--clk-tck" -> clk = (long) positive(a, value(args, ++i, a));
        case "--java" -> java = value(args, ++i, a);
        case "--fake-jar" -> fakeJar = Path.of(value(args, ++i, a));
        case "--gateway-jar" -> gatewayJar = Path.of(value(args, ++i, a));
        case "--portkey-dir" -> portkeyDir = Path.of(value(args, ++i, a));
        case "--nginx" -> nginx = Path.of(value(args, ++i, a));
        case "--wrk" -> wrk = Path.of(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (quick) {
      duration = durationSet ? duration : Duration.ofSeconds(5);
      warmup = warmupSet ? warmup : Duration.ofSeconds(2);
      warmupMax = warmupMaxSet ? warmupMax : Duration.ofSeconds(10);
    }
    if (warmupMax.compareTo(warmup) < 0) {
      warmupMax = warmup;
    }
    return new BenchOptions(duration, warmup, warmupMax, rates, targets, streams, connections, pool, clk, java,
        fakeJar, gatewayJar, portkeyDir, nginx, wrk, out);
  }

  static List<Integer> rates(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add((int) positive("--rates", s.trim()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--rates needs at least one rate");
    }
    return List.copyOf(out);
  }

  static List<String> targets(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      if (!KNOWN_TARGETS.contains(t)) {
        throw new IllegalArgumentException("unknown target " + t + " (known: direct,nginx,tollgate,portkey)");
      }
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static double positive(String option, String value) {
    double v = nonNegative(option, value);
    if (v <= 0) {
      throw new IllegalArgumentException(option + " must be > 0");
    }
    return v;
  }

  private static double nonNegative(String option, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value);
    }
    if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(option + " must be >= 0");
    }
    return v;
  }
}
