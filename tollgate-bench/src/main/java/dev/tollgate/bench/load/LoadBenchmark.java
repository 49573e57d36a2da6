package dev.tollgate.bench.load;

import dev.tollgate.bench.load.LoadGenerator.Endpoint;
import dev.tollgate.bench.load.Results.RateRun;
import dev.tollgate.bench.load.Results.StreamRun;
import dev.tollgate.bench.load.Results.TargetResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark: fake upstream direct (baseline), nginx, Tollgate and the Portkey gateway in one run, open loop
 * at fixed rates, closed loop for max throughput, CPU and memory of the target, and 1,000 concurrent streams. Run it
 * with {@code tollgate-bench/load-bench.sh}; every process it starts is stopped at the end, also on failure.
 *
 * <p>The gateway runs with exactly the JVM flags of {@code ./tollgate} plus one: its GC log to a file
 * ({@link GcLog#flag}), which costs nothing measurable and does not change how it collects. That is the only flag the
 * benchmark adds; {@link GcLogPhases} then says per measured phase whether a latency spike can be a GC pause.
 */
public final class LoadBenchmark {
  static final String PATH = "/v1/chat/completions";
  static final String STREAM_TEXT = "Tollgate load benchmark streaming reply: fifty pieces, twenty milliseconds apart.";
  /** JVM flags for the fake upstreams. */
  static final List<String> JVM_FLAGS = List.of("-XX:+UseParallelGC", "-Xss512k");
  static final Duration DRAIN = Duration.ofSeconds(10);
  static final int WARMUP_CONNECTIONS = 16;

  private final BenchOptions o;
  private final Path tmp;
  private final LoadGenerator gen;
  private final List<String> notes = new ArrayList<>();
  private final GcLogPhases gcLogs;
  private int fakePort;
  private int streamFakePort;
  private ManagedProcess fake;
  private ManagedProcess streamFake;

  private LoadBenchmark(BenchOptions o, Path tmp, LoadGenerator gen) {
    this.o = o;
    this.tmp = tmp;
    this.gen = gen;
    this.gcLogs = new GcLogPhases(o.clockTicks());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (o == null) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    quietConnectionLogs();
    Path tmp = Files.createTempDirectory("tollgate-load-");
    int status = 0;
    try (LoadGenerator gen = new LoadGenerator()) {
      new LoadBenchmark(o, tmp, gen).run();
    } catch (Exception e) {
      System.err.println("load benchmark failed: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      ManagedProcess.stopAll();
    }
    System.out.println("(process logs and generated configs: " + tmp + ")");
    System.exit(status);
  }

  private void run() throws Exception {
    log("settings: %s per rate, warm-up %s to %s (until stable), rates %s, targets %s, %d streams, %d closed-loop "
            + "connections, max-throughput generator %s", secs(o.duration()), secs(o.warmup()), secs(o.warmupMax()),
        o.rates(), o.targets(), o.streams(), o.connections(),
        Files.isExecutable(o.wrk()) ? o.wrk() + " -t" + Wrk.THREADS : "the Java one (no " + o.wrk() + ")");
    startFakes();
    List<TargetResult> results = new ArrayList<>();
    for (String target : o.targets()) {
      switch (target) {
        case "direct" -> results.add(direct());
        case "nginx" -> results.add(nginx());
        case "tollgate" -> {
          results.add(tollgate());
          results.add(tollgateFullPath());
        }
        case "portkey" -> results.add(portkey());
        default -> throw new IllegalStateException(target);
      }
    }
    if (o.targets().contains("direct")) {
      TargetResult first = ResultTable.find(results, ResultTable.DIRECT);
      results.add(first == null ? results.size() : results.indexOf(first) + 1, directAgain());
    }
    report(results);
  }

  // ------------------------------------------------------------------------------------------------ targets

  private void startFakes() throws Exception {
    fake = startFake("fake-plain", List.of("--text", "ok"));
    fakePort = portOf(fake);
    streamFake = startFake("fake-stream", List.of("--text", STREAM_TEXT, "--chunks", "50", "--chunk-gap-ms", "20"));
    streamFakePort = portOf(streamFake);
    log("fake upstreams: plain on %d (pid %d), streaming (50 chunks, 20 ms apart) on %d (pid %d); no request recording",
        fakePort, fake.pid(), streamFakePort, streamFake.pid());
  }

  private ManagedProcess startFake(String name, List<String> extra) throws Exception {
    requireFile(o.fakeJar(), "fake upstream jar");
    List<String> cmd = new ArrayList<>(List.of(o.java()));
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(List.of("-jar", o.fakeJar().toString(), "--port", "0", "--event-loops", "2"));
    cmd.addAll(extra); // no --record: the fake keeps no request in memory
    return ManagedProcess.start(name, cmd, tmp, null, Map.of());
  }

  private static int portOf(ManagedProcess p) throws InterruptedException {
    String url = p.awaitLine("http://", 20_000);
    if (url == null) {
      throw new IllegalStateException(p.name + " did not start: " + p.tail());
    }
    URI u = URI.create(url);
    return u.getPort();
  }

  private TargetResult direct() throws Exception {
    TargetResult r = new TargetResult(ResultTable.DIRECT);
    r.note = "CPU and memory are the fake upstream's own";
    measure(r, endpoint(fakePort, Map.of(), "bench-model", false), endpoint(streamFakePort, Map.of(),
        TargetConfigs.STREAM_MODEL, true), fake.pid(), streamFake.pid());
    return r;
  }

  /**
   * The baseline once more, at the end when everything is warm: the open-loop rates and the streaming run (no
   * warm-up, no closed loop). The overheads use per percentile the lower of the two direct runs.
   */
  private TargetResult directAgain() throws Exception {
    TargetResult r = new TargetResult(ResultTable.DIRECT_END);
    r.note = "open-loop rates and streaming only";
    r.warmup = "none (warm from the whole run)";
    openLoops(r, endpoint(fakePort, Map.of(), "bench-model", false));
    streaming(r, endpoint(streamFakePort, Map.of(), TargetConfigs.STREAM_MODEL, true), streamFake.pid());
    return r;
  }

  private TargetResult nginx() throws Exception {
    if (!Files.isExecutable(o.nginx())) {
      return TargetResult.unavailable(Checks.NGINX, o.nginx() + " not found (load-bench.sh installs it)");
    }
    Path dir = Files.createDirectories(tmp.resolve("nginx"));
    int listen = freePort();
    int listenStream = freePort();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, TargetConfigs.nginx(dir.toString(), listen, fakePort, listenStream, streamFakePort, root));
    ManagedProcess p = ManagedProcess.start("nginx", List.of(o.nginx().toString(), "-c", conf.toString(), "-p",
        dir + "/"), tmp, null, Map.of());
    try (p) {
      Endpoint plain = endpoint(listen, Map.of(), "bench-model", false);
      TargetResult r = new TargetResult(Checks.NGINX);
      String failure = awaitPost(p, plain, Duration.ofSeconds(10), r);
      if (failure != null) {
        return TargetResult.unavailable(Checks.NGINX, failure);
      }
      r.note = "CPU and memory: master + workers";
      measure(r, plain, endpoint(listenStream, Map.of(), TargetConfigs.STREAM_MODEL, true), p.pid(), p.pid());
      return r;
    }
  }

  private TargetResult tollgate() throws Exception {
    requireFile(o.gatewayJar(), "gateway jar");
    trainClassDataArchive();
    Path dir = Files.createDirectories(tmp.resolve("tollgate"));
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, TargetConfigs.tollgate(fakePort, streamFakePort));
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(o.java()));
    cmd.addAll(TollgateScriptFlags.read(Path.of("tollgate")));
    cmd.add(gcLogs.flag(Checks.TOLLGATE, dir)); // the only flag added to the script's
    cmd.addAll(List.of("-jar", o.gatewayJar().toString(), "--config", config.toString(), "--port",
        Integer.toString(port), "--host", "127.0.0.1", "--num_workers", "2", "--state_dir",
        dir.resolve("state").toString()));
    ManagedProcess p = ManagedProcess.start("tollgate", cmd, tmp, null,
        TollgateScriptFlags.environment(Path.of("tollgate")));
    gcLogs.pid(Checks.TOLLGATE, p.pid());
    try (p) {
      TargetResult r = new TargetResult(Checks.TOLLGATE);
      String failure = awaitReadiness(p, port, Duration.ofSeconds(30), r);
      if (failure != null) {
        return TargetResult.unavailable(Checks.TOLLGATE, failure);
      }
      Map<String, String> auth = Map.of("authorization", "Bearer " + TargetConfigs.MASTER_KEY);
      Endpoint plain = endpoint(port, auth, "bench-model", false);
      LoadGenerator.Reply reply = gen.once(plain, Duration.ofSeconds(5));
      if (reply.status() != 200) {
        return TargetResult.unavailable(Checks.TOLLGATE, "first request gave " + reply.status() + ": "
            + abbreviate(reply.body()));
      }
      measure(r, plain, endpoint(port, auth, TargetConfigs.STREAM_MODEL, true), p.pid(), p.pid());
      return r;
    }
  }

  /**
   * Makes {@code ./tollgate}'s class-data archive when it is missing or older than the jar (see
   * {@link ClassDataArchive}): one start to readiness and a graceful stop, which writes the archive.
   */
  private void trainClassDataArchive() throws Exception {
    List<String> flags = TollgateScriptFlags.read(Path.of("tollgate"));
    Path archive = ClassDataArchive.of(flags).orElse(null);
    if (archive == null || !ClassDataArchive.needsTraining(archive, o.gatewayJar())) {
      return;
    }
    Path dir = Files.createDirectories(tmp.resolve("tollgate-training"));
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(o.java()));
    cmd.addAll(flags);
    cmd.addAll(List.of("-jar", o.gatewayJar().toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
        "--num_workers", "2", "--state_dir", dir.resolve("state").toString()));
    try (ManagedProcess p = ManagedProcess.start("tollgate-training", cmd, tmp, null,
        TollgateScriptFlags.environment(Path.of("tollgate")))) {
      String failure = awaitReadiness(p, port, Duration.ofSeconds(30), new TargetResult(Checks.TOLLGATE));
      if (failure != null) {
        log("class-data archive training run failed (%s); the measured start makes the archive", failure);
      }
    }
    log("class-data archive %s: %s", archive, Files.exists(archive) ? "made" : "not made");
  }

  /**
   * Tollgate with the control plane on the path: a virtual key (cache lookup), an rpm limit checked on every request,
   * and a spend row per request written to PostgreSQL by the batching writer. After a graceful stop, the rows written
   * during the max-throughput phase must equal the requests wrk completed.
   */
  private TargetResult tollgateFullPath() throws Exception {
    requireFile(o.gatewayJar(), "gateway jar");
    Path dir = Files.createDirectories(tmp.resolve("tollgate-full"));
    FullPath db = FullPath.create(dir);
    try {
      return tollgateFullPath(dir, db);
    } finally {
      db.drop(); // about 200 MB of spend rows per run otherwise stay in the shared database
    }
  }

  private TargetResult tollgateFullPath(Path dir, FullPath db) throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, TargetConfigs.tollgate(fakePort, streamFakePort)
        + "  database_url: \"" + db.databaseUrl + "\"\n");
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(o.java()));
    cmd.addAll(TollgateScriptFlags.read(Path.of("tollgate")));
    cmd.add(gcLogs.flag(Checks.TOLLGATE_FULL, dir)); // the only flag added to the script's
    cmd.addAll(List.of("-jar", o.gatewayJar().toString(), "--config", config.toString(), "--port",
        Integer.toString(port), "--host", "127.0.0.1", "--num_workers", "2", "--state_dir",
        dir.resolve("state").toString()));
    ManagedProcess p = ManagedProcess.start("tollgate-full", cmd, tmp, null,
        TollgateScriptFlags.environment(Path.of("tollgate")));
    gcLogs.pid(Checks.TOLLGATE_FULL, p.pid());
    TargetResult r = new TargetResult(Checks.TOLLGATE_FULL);
    long before;
    long completed;
    try (p) {
      String failure = awaitReadiness(p, port, Duration.ofSeconds(30), r);
      if (failure != null) {
        return TargetResult.unavailable(Checks.TOLLGATE_FULL, failure);
      }
      String key = FullPath.generateKey(port, TargetConfigs.MASTER_KEY);
      Endpoint plain = endpoint(port, Map.of("authorization", "Bearer " + key), "bench-model", false);
      LoadGenerator.Reply reply = gen.once(plain, Duration.ofSeconds(5));
      if (reply.status() != 200) {
        return TargetResult.unavailable(Checks.TOLLGATE_FULL, "first request gave " + reply.status() + ": "
            + abbreviate(reply.body()));
      }
      warmUp(r, plain, p.pid());
      Thread.sleep(3000); // the writer flushes every second: the warm-up's rows are in before the count
      before = db.spendRows();
      maxThroughput(r, plain, p.pid());
      completed = r.maxRequestsCompleted;
    }
    long after = db.spendRows();
    r.spendRowsExpected = completed;
    r.spendRowsWritten = after - before;
    r.note = "virtual key + rpm limit + spend rows in " + db.label + "; rows written in the max-throughput phase "
        + r.spendRowsWritten + " for " + completed + " requests completed";
    log("%s: spend rows written during the max-throughput phase: %d for %d completed requests (%s)", r.name,
        r.spendRowsWritten, completed, db.label);
    return r;
  }

  private TargetResult portkey() throws Exception {
    Path script = o.portkeyDir().resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
    if (!Files.isRegularFile(script)) {
      return TargetResult.unavailable(Checks.PORTKEY, "@portkey-ai/gateway not installed in " + o.portkeyDir());
    }
    int port = freePort();
    ManagedProcess p;
    try {
      p = ManagedProcess.start("portkey", List.of("node", script.toAbsolutePath().toString(), "--port=" + port,
          "--headless"), tmp, o.portkeyDir(), Map.of("NODE_ENV", "production"));
    } catch (IOException e) {
      return TargetResult.unavailable(Checks.PORTKEY, "cannot start node: " + e.getMessage());
    }
    try (p) {
      Endpoint plain = endpoint(port, portkeyHeaders(fakePort), "bench-model", false);
      TargetResult r = new TargetResult(Checks.PORTKEY);
      String failure = awaitPost(p, plain, Duration.ofSeconds(30), r);
      if (failure != null) {
        return TargetResult.unavailable(Checks.PORTKEY, failure);
      }
      r.note = "start-to-ready: until the first proxied request returned 200";
      measure(r, plain, endpoint(port, portkeyHeaders(streamFakePort), TargetConfigs.STREAM_MODEL, true), p.pid(),
          p.pid());
      return r;
    }
  }

  private static Map<String, String> portkeyHeaders(int upstreamPort) {
    return Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", "http://127.0.0.1:" + upstreamPort + "/v1",
        "authorization", "Bearer sk-bench");
  }

  private static Endpoint endpoint(int port, Map<String, String> headers, String model, boolean stream) {
    return new Endpoint("127.0.0.1", port, PATH, headers,
        TargetConfigs.body(model, stream).getBytes(StandardCharsets.UTF_8));
  }

  /** Polls {@code GET /health/readiness} until 200; records start-to-ready. Null when ready, else why not. */
  private String awaitReadiness(ManagedProcess p, int port, Duration timeout, TargetResult r) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.alive()) {
        return p.name + " exited: " + abbreviate(p.tail());
      }
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          r.startToReadySeconds = (System.nanoTime() - p.startedNanos) / 1e9;
          log("%s ready after %.2f s (pid %d)", p.name, r.startToReadySeconds, p.pid());
          return null;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    return p.name + " not ready within " + secs(timeout) + ": " + abbreviate(p.tail());
  }

  /** Polls the proxied POST until it returns 200; records start-to-ready. Null when ready, else why not. */
  private String awaitPost(ManagedProcess p, Endpoint e, Duration timeout, TargetResult r) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    LoadGenerator.Reply last = null;
    while (System.nanoTime() < deadline) {
      if (!p.alive()) {
        return p.name + " exited: " + abbreviate(p.tail());
      }
      last = gen.once(e, Duration.ofSeconds(2));
      if (last.status() == 200) {
        r.startToReadySeconds = (System.nanoTime() - p.startedNanos) / 1e9;
        log("%s ready after %.2f s (pid %d)", p.name, r.startToReadySeconds, p.pid());
        return null;
      }
      Thread.sleep(20);
    }
    return "no 200 within " + secs(timeout) + (last == null ? "" : " (last: " + last.status() + " "
        + abbreviate(last.body()) + ")");
  }

  // ------------------------------------------------------------------------------------------------ measuring

  private void measure(TargetResult r, Endpoint plain, Endpoint stream, long pid, long streamPid) throws Exception {
    warmUp(r, plain, pid);
    r.idleRssKb = ProcStats.statusKbOfTree(pid, "VmRSS");
    openLoops(r, plain);
    maxThroughput(r, plain, pid);
    streaming(r, stream, streamPid);
  }

  /**
   * Closed loop, so a cold target cannot build a backlog that spills into the first measured rate; at least
   * {@code --warmup}, then until the last 3 s are within 10% of the 3 s before and the target's JIT compiler threads
   * (a JVM's; other processes have none) are quiet ({@link WarmupRule}), at most {@code --warmup-max}.
   */
  private void warmUp(TargetResult r, Endpoint plain, long pid) throws Exception {
    if (o.warmup().isZero()) {
      r.warmup = "none";
      return;
    }
    int min = (int) Math.max(1, Math.round(o.warmup().toMillis() / 1000.0));
    int max = (int) Math.max(min, Math.round(o.warmupMax().toMillis() / 1000.0));
    boolean[] stable = {false};
    List<Long> jit = new ArrayList<>();
    LoadGenerator.ClosedRun w = gen.closedLoop(plain, WARMUP_CONNECTIONS, Duration.ofSeconds(max + 1), perSecond -> {
      jit.add(ThreadGroupCpu.read(pid).getOrDefault(ThreadGroupCpu.JIT, 0L));
      WarmupRule.Decision d = WarmupRule.decide(perSecond, jit, o.clockTicks(), min, max);
      stable[0] = d.stable();
      return d.stop();
    });
    List<Long> seconds = gen.lastSeconds();
    double[] win = WarmupRule.lastTwoWindows(seconds);
    long jitTicks = WarmupRule.jitTicksInLastWindow(jit);
    String jitLast = jitTicks < 0 ? ""
        : String.format(Locale.ROOT, "; JIT %.2f CPU-s in the last 3 s", jitTicks / (double) o.clockTicks());
    String windows = (Double.isNaN(win[0]) ? "too short to compare 3 s windows"
        : String.format(Locale.ROOT, "last 3 s %.0f req/s vs %.0f before (%+.1f%%)", win[0], win[1],
            win[1] > 0 ? 100 * (win[0] - win[1]) / win[1] : Double.NaN)) + jitLast;
    r.warmup = String.format(Locale.ROOT, "%d s, %s at %.0f req/s (%s)", seconds.size(),
        stable[0] ? "stable" : "NOT stable (cap " + max + " s)", Double.isNaN(win[0]) ? w.perSecond() : win[0],
        windows);
    log("%s: warm-up closed loop with %d connections: %d s, %.0f req/s overall, %d errors; %s; %s", r.name,
        WARMUP_CONNECTIONS, seconds.size(), w.perSecond(), w.errors(), stable[0] ? "stable" : "not stable", windows);
    if (!stable[0] && !Double.isNaN(win[0])) {
      warn("%s: warm-up not stable after %d s (%s)", r.name, seconds.size(), windows);
    }
    Thread.sleep(500);
  }

  private void openLoops(TargetResult r, Endpoint plain) throws Exception {
    for (int rate : o.rates()) {
      GcLogPhases.Start start = gcLogs.start(r.name);
      RateRun run = gen.openLoop(plain, rate, o.duration(), DRAIN, o.openLoopPool());
      gcLogs.phase(r.name, "@" + rate + "/s", start);
      r.rates.put(rate, run);
      log("%s: open loop %d/s: %.0f req/s, p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms, %d errors; "
              + "send lateness p99 %.2f max %.2f ms",
          r.name, rate, run.achievedPerSecond(), run.latency().p50(), run.latency().p90(), run.latency().p99(),
          run.latency().p999(), run.latency().max(), run.errors(), run.sendLateness().p99(),
          run.sendLateness().max());
      if (run.errors() > 0) {
        warn("%s @%d/s: %d errors: %s", r.name, rate, run.errors(), gen.lastErrors());
      }
      if (run.sendLateness().p99() > 2.0) {
        warn("%s @%d/s: the generator fell behind its schedule (send lateness p99 %.2f ms): latencies include it",
            r.name, rate, run.sendLateness().p99());
      }
      if (run.achievedPerSecond() < 0.95 * rate) {
        warn("%s @%d/s: achieved only %.0f req/s (target could not keep up; latencies grow with the queue)",
            r.name, rate, run.achievedPerSecond());
      }
    }
  }

  /** Closed loop for max req/s and the target's CPU per 1,000 requests: with wrk when there is one. */
  private void maxThroughput(TargetResult r, Endpoint plain, long pid) throws Exception {
    GcLogPhases.Start start = gcLogs.start(r.name);
    closedLoopMax(r, plain, pid);
    gcLogs.phase(r.name, "max throughput", start);
  }

  private void closedLoopMax(TargetResult r, Endpoint plain, long pid) throws Exception {
    // The JVM alone: its descendants are the targets and the fakes (counting its tree made the Java generator look
    // like it used the target's and the fake's CPU as well).
    long self = ProcessHandle.current().pid();
    if (Files.isExecutable(o.wrk())) {
      long cpu0 = ProcStats.cpuTicksOfTree(pid);
      long self0 = ProcStats.cpuTicksOf(self);
      try {
        Wrk.Run run = Wrk.run(o.wrk(), plain, o.connections(), o.duration(), tmp,
            "wrk-" + r.name.replaceAll("[^A-Za-z0-9]+", "-"));
        long cpu1 = ProcStats.cpuTicksOfTree(pid);
        long self1 = ProcStats.cpuTicksOf(self);
        Wrk.Report w = run.report();
        r.maxGenerator = "wrk -t" + Wrk.THREADS + " -c" + o.connections();
        r.maxThroughput = w.okPerSecond();
        r.maxRequestsCompleted = w.requests();
        r.closedLoopErrors = w.errors();
        r.maxPhaseSeconds = w.seconds();
        r.generatorCpuSeconds = run.cpuTicks() < 0 ? Double.NaN : run.cpuTicks() / (double) o.clockTicks();
        r.benchJvmCpuSeconds = (self1 - self0) / (double) o.clockTicks();
        double cpuSeconds = (cpu1 - cpu0) / (double) o.clockTicks();
        r.cpuSecondsPer1k = w.ok() > 0 ? cpuSeconds / (w.ok() / 1000.0) : Double.NaN;
        r.peakRssKb = ProcStats.statusKbOfTree(pid, "VmHWM");
        log("%s: closed loop (%s) %d connections: %.0f req/s (wrk Requests/sec %.2f), %d non-2xx, socket errors "
                + "connect %d read %d write %d timeout %d; target CPU %.1f s (%.0f%% of one core), wrk CPU %.1f s "
                + "(%.0f%%), bench JVM %.1f s", r.name, r.maxGenerator, o.connections(), r.maxThroughput,
            w.requestsPerSecond(), w.non2xx(), w.connectErrors(), w.readErrors(), w.writeErrors(), w.timeouts(),
            cpuSeconds, 100 * cpuSeconds / w.seconds(), r.generatorCpuSeconds,
            100 * r.generatorCpuSeconds / w.seconds(), r.benchJvmCpuSeconds);
        if (w.errors() > 0) {
          warn("%s: %d errors in the closed-loop run (wrk: %d non-2xx, %d socket errors)", r.name, w.errors(),
              w.non2xx(), w.socketErrors());
        }
        return;
      } catch (IOException | IllegalArgumentException e) {
        warn("%s: wrk failed (%s); max throughput by the Java generator instead", r.name, abbreviate(e.getMessage()));
      }
    }
    long cpu0 = ProcStats.cpuTicksOfTree(pid);
    long self0 = ProcStats.cpuTicksOf(self);
    LoadGenerator.ClosedRun closed = gen.closedLoop(plain, o.connections(), o.duration());
    long cpu1 = ProcStats.cpuTicksOfTree(pid);
    long self1 = ProcStats.cpuTicksOf(self);
    r.maxGenerator = "Java generator (Vert.x, 1 event loop)" + (Files.isExecutable(o.wrk()) ? "" : ": no " + o.wrk());
    r.maxThroughput = closed.perSecond();
    r.maxRequestsCompleted = closed.ok() + closed.errors();
    r.closedLoopErrors = closed.errors();
    r.maxPhaseSeconds = closed.seconds();
    double cpuSeconds = (cpu1 - cpu0) / (double) o.clockTicks();
    r.cpuSecondsPer1k = closed.ok() > 0 ? cpuSeconds / (closed.ok() / 1000.0) : Double.NaN;
    r.peakRssKb = ProcStats.statusKbOfTree(pid, "VmHWM");
    r.generatorCpuSeconds = (self1 - self0) / (double) o.clockTicks();
    log("%s: closed loop (Java generator) %d connections: %.0f req/s, %d errors; target CPU %.1f s (%.0f%% of one "
            + "core), generator CPU %.1f s (%.0f%%)", r.name, o.connections(), r.maxThroughput, closed.errors(),
        cpuSeconds, 100 * cpuSeconds / closed.seconds(), r.generatorCpuSeconds,
        100 * r.generatorCpuSeconds / closed.seconds());
    if (closed.errors() > 0) {
      warn("%s: %d errors in the closed-loop run", r.name, closed.errors());
    }
  }

  private void streaming(TargetResult r, Endpoint stream, long streamPid) throws Exception {
    LoadGenerator.Reply probe = gen.once(stream, Duration.ofSeconds(10));
    if (probe.status() != 200 || !probe.body().contains("data: [DONE]")) {
      r.streamUnavailable = "a single stream request failed: " + probe.status() + " " + abbreviate(probe.body());
      warn("%s: streaming run skipped, %s", r.name, r.streamUnavailable);
      return;
    }
    // Unmeasured rounds at the measured concurrency, the same rule for every target (WarmupRule.streamWarmupDone):
    // like the rate phases, the streaming figures are steady-state ones, after the target's JIT is done.
    for (int round = 1; ; round++) {
      long jit0 = ThreadGroupCpu.read(streamPid).getOrDefault(ThreadGroupCpu.JIT, 0L);
      long t0 = System.nanoTime();
      StreamRun w = gen.streaming(stream, o.streams(), Duration.ofSeconds(60), () -> { });
      double seconds = (System.nanoTime() - t0) / 1e9;
      long jit = ThreadGroupCpu.read(streamPid).getOrDefault(ThreadGroupCpu.JIT, 0L) - jit0;
      log("%s: streaming warm-up round %d, %d streams (unmeasured): %d completed, %d errors, TTFB p99 %.2f ms, "
          + "gap p99 %.2f ms, JIT %.2f CPU-s in %.1f s", r.name, round, o.streams(), w.completed(), w.errors(),
          w.ttfb().p99(), w.chunkGap().p99(), jit / (double) o.clockTicks(), seconds);
      Thread.sleep(500);
      if (WarmupRule.streamWarmupDone(round, jit, seconds, o.clockTicks())) {
        r.streamWarmupRounds = round;
        break;
      }
    }
    boolean reset = ProcStats.resetPeakRss(streamPid);
    long[] sampled = {0};
    GcLogPhases.Start start = gcLogs.start(r.name);
    long self = ProcessHandle.current().pid();
    long cpu0 = ProcStats.cpuTicksOfTree(streamPid);
    long fake0 = ProcStats.cpuTicksOf(streamFake.pid());
    long gen0 = ProcStats.cpuTicksOf(self);
    long[] host0 = ProcStats.hostTicks();
    StreamRun s = gen.streaming(stream, o.streams(), Duration.ofSeconds(60),
        () -> sampled[0] = Math.max(sampled[0], ProcStats.statusKbOfTree(streamPid, "VmRSS")));
    long cpu1 = ProcStats.cpuTicksOfTree(streamPid);
    long fake1 = ProcStats.cpuTicksOf(streamFake.pid());
    long gen1 = ProcStats.cpuTicksOf(self);
    long[] host1 = ProcStats.hostTicks();
    gcLogs.phase(r.name, o.streams() + " streams", start);
    r.streamCpuMicrosPerEvent = Results.microsPerEvent(cpu1 - cpu0, o.clockTicks(), s);
    r.streamFakeMicrosPerEvent = Results.microsPerEvent(fake1 - fake0, o.clockTicks(), s);
    r.streamGeneratorMicrosPerEvent = Results.microsPerEvent(gen1 - gen0, o.clockTicks(), s);
    r.streamHostBusyPercent = host1[1] > host0[1]
        ? 100.0 * (host1[0] - host0[0]) / (host1[1] - host0[1]) : Double.NaN;
    long peak = Math.max(sampled[0], reset ? ProcStats.statusKbOfTree(streamPid, "VmHWM") : -1);
    r.stream = new StreamRun(s.streams(), s.completed(), s.errors(), s.ttfb(), s.chunkGap(), s.meanEventsPerStream(),
        peak);
    log("%s: %d streams: %d completed, %d errors, %.1f events/stream, TTFB p50 %.2f p99 %.2f ms, gap p50 %.2f p99 "
            + "%.2f max %.2f ms, peak RSS %d MB%s, CPU %.1f µs per event (fake %.1f, generator %.1f), host %.0f%% busy",
        r.name, s.streams(), s.completed(), s.errors(),
        s.meanEventsPerStream(), s.ttfb().p50(), s.ttfb().p99(), s.chunkGap().p50(), s.chunkGap().p99(),
        s.chunkGap().max(), peak / 1024, reset ? "" : " (sampled: could not reset VmHWM)", r.streamCpuMicrosPerEvent,
        r.streamFakeMicrosPerEvent, r.streamGeneratorMicrosPerEvent, r.streamHostBusyPercent);
    Thread.sleep(1000);
  }

  // ------------------------------------------------------------------------------------------------ report

  private void report(List<TargetResult> results) throws IOException {
    TextTable main = ResultTable.main(results, o.rates());
    TextTable streaming = ResultTable.streaming(results);
    TextTable checks = ResultTable.checks(Checks.evaluate(results));
    String baseline = String.join("\n", Baseline.describe(results));
    String legend = "Latency in ms from the scheduled send time to the end of the reply (open loop, no coordinated "
        + "omission); Δ = target percentile − baseline percentile at the same rate; direct is measured first and "
        + "again at the end (rates and streaming), the baseline is per percentile the lower of the two; max req/s: "
        + "closed loop, " + o.connections() + " connections, generator " + ResultTable.maxGenerators(results)
        + "; CPU-s/1k req and peak RSS of the target process(es) (direct: the fake)."
        + (baseline.isEmpty() ? "" : "\n" + baseline);
    String streamLegend = o.streams() + " concurrent streams after unmeasured warm-up rounds of as many streams ("
        + WarmupRule.STREAM_ROUNDS_MIN + ", and more while the target's JIT compiled through the last one, up to "
        + WarmupRule.STREAM_ROUNDS_MAX + "; " + ResultTable.streamWarmupRounds(results) + "), "
        + "fake sends 50 chunks 20 ms apart; TTFB from launch; gap = interval between successive data events of one "
        + "stream at the client; Δ vs the baseline (per percentile the lower of the two direct runs); CPU µs/event: "
        + "CPU of the target process(es) during the measured round per event the clients received (direct: the "
        + "streaming fake's own, which every proxy's figure excludes); fake and generator µs/event: the streaming "
        + "fake's and the load generator's CPU in the same round per event; host busy %: all cores of the machine "
        + "in that round (near 100%, TTFB and gaps include waiting for a core).";
    List<String> generators = ResultTable.generatorLines(results);
    GcLogPhases.Report gc = gcLogs.report();
    gc.warnings().forEach(w -> warn("%s", w));
    System.out.println();
    System.out.println("== Throughput and latency ==");
    System.out.print(main.plain());
    System.out.println(legend);
    System.out.println();
    System.out.println("== Streaming ==");
    System.out.print(streaming.plain());
    System.out.println(streamLegend);
    System.out.println();
    System.out.println("== Target checks ==");
    System.out.print(checks.plain());
    System.out.println();
    System.out.println("== Generator and warm-up per target ==");
    generators.forEach(System.out::println);
    System.out.print(gc.plain());
    if (!notes.isEmpty()) {
      System.out.println();
      System.out.println("== Warnings ==");
      notes.forEach(n -> System.out.println("- " + n));
    }
    StringBuilder md = new StringBuilder();
    md.append("# Tollgate load benchmark\n\n");
    md.append(String.format(Locale.ROOT, "Run %s on %d cores: %s per rate, warm-up %s to %s (until stable), rates "
            + "%s.%n%n", Instant.now(), Runtime.getRuntime().availableProcessors(), secs(o.duration()),
        secs(o.warmup()), secs(o.warmupMax()), o.rates()));
    md.append("## Throughput and latency\n\n").append(main.markdown()).append('\n')
        .append(legend.replace("\n", "\n\n")).append("\n\n");
    md.append("## Streaming\n\n").append(streaming.markdown()).append('\n').append(streamLegend).append("\n\n");
    md.append("## Target checks\n\n").append(checks.markdown()).append('\n');
    md.append("\n## Generator and warm-up per target\n\n");
    generators.forEach(g -> md.append("- ").append(g).append('\n'));
    md.append('\n');
    md.append(gc.markdown());
    if (!notes.isEmpty()) {
      md.append("## Warnings\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    Path out = o.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, md.toString());
    System.out.println();
    System.out.println("results written to " + out);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private void warn(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    notes.add(s);
    System.out.println("WARNING: " + s);
  }

  private static void log(String format, Object... args) {
    System.out.println("[load] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
  }

  private static String abbreviate(String s) {
    String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return one.length() > 160 ? one.substring(0, 160) + "…" : one;
  }

  private static void requireFile(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(what + " not found: " + p.toAbsolutePath() + " (load-bench.sh builds it)");
    }
  }

  /** Connection resets are counted as errors per run; one log line each would flood the output. */
  private static void quietConnectionLogs() {
    if (org.slf4j.LoggerFactory.getLogger("io.vertx.core.net.impl.ConnectionBase")
        instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.OFF);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
