package dev.tollgate.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeUpstream} as a process, e.g. for benchmarks:
 *
 * <pre>
 * java -jar tollgate-testkit-*-standalone.jar --port 9000 --latency-ms 50 --chunks 20 --chunk-gap-ms 5 --text "Hi"
 * </pre>
 *
 * Prints the base URL on stdout once listening, then serves until killed. Every model gets the same behaviour:
 * {@code --text} replies (or echo when absent), delayed by {@code --latency-ms}, streams split into {@code --chunks}
 * pieces {@code --chunk-gap-ms} apart. Requests are not recorded unless {@code --record} is given.
 */
public final class FakeUpstreamMain {
  private FakeUpstreamMain() {}

  /** Parsed command line. */
  record Options(
      int port, long latencyMs, int chunks, long chunkGapMs, String text, boolean record, int eventLoops, FakeTls tls) {
    Behavior behavior() {
      Behavior b = text == null ? Behavior.echo() : Behavior.reply(text);
      if (latencyMs > 0) {
        b = b.delayed(Duration.ofMillis(latencyMs));
      }
      if (chunks > 0) {
        b = b.chunked(chunks);
      }
      if (chunkGapMs > 0) {
        b = b.streamGap(Duration.ofMillis(chunkGapMs));
      }
      return b;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (options == null) {
      usage(System.out);
      return;
    }
    if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
      // Standalone jar has slf4j-api but no provider: log through java.util.logging instead of the NOP warning.
      System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
      io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
          io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
    }
    FakeUpstream fake = FakeUpstream.start(options.port(), options.eventLoops(), options.tls())
        .defaultBehavior(options.behavior())
        .recording(options.record());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "fake-upstream-shutdown"));
    System.out.println(fake.baseUrl());
    System.out.flush();
    stopped.await();
  }

  /** Parses the arguments; null means help was asked for. */
  static Options parse(String[] args) {
    int port = 0;
    long latencyMs = 0;
    int chunks = 0;
    long chunkGapMs = 0;
    String text = null;
    boolean record = false;
    int eventLoops = 1;
    FakeTls tls = FakeTls.NONE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return null;
        }
        case "--record" -> record = true;
        case "--port" -> port = (int) number(arg, value(args, ++i, arg), 0, 65535);
        case "--latency-ms" -> latencyMs = number(arg, value(args, ++i, arg), 0, Long.MAX_VALUE);
        case "--chunks" -> chunks = (int) number(arg, value(args, ++i, arg), 0, Integer.MAX_VALUE);
        case "--chunk-gap-ms" -> chunkGapMs = number(arg, value(args, ++i, arg), 0, Long.MAX_VALUE);
        case "--text" -> text = value(args, ++i, arg);
        case "--event-loops" -> eventLoops = (int) number(arg, value(args, ++i, arg), 1, 64);
        case "--tls" -> tls = tls(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new Options(port, latencyMs, chunks, chunkGapMs, text, record, eventLoops, tls);
  }

  private static FakeTls tls(String value) {
    return switch (value) {
      case "h2" -> FakeTls.HTTP2;
      case "http1" -> FakeTls.HTTP1;
      default -> throw new IllegalArgumentException("--tls is h2 or http1, got " + value);
    };
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
    }
    return n;
  }

  private static void usage(PrintStream out) {
    out.println("usage: FakeUpstreamMain [--port N] [--latency-ms N] [--chunks N] [--chunk-gap-ms N] "
        + "[--text \"...\"] [--record] [--tls h2|http1]");
    out.println("  --port N          port on 127.0.0.1 (default 0: a free port; the URL is printed)");
    out.println("  --event-loops N   serve on N event loops (default 1; 2 or more for load tests)");
    out.println("  --latency-ms N    delay before every answer");
    out.println("  --chunks N        content pieces per streamed answer (default: one per word)");
    out.println("  --chunk-gap-ms N  pause between stream events");
    out.println("  --text \"...\"      reply text (default: echo the last user message)");
    out.println("  --record          keep every request in memory (off: benchmarks run long)");
    out.println("  --tls h2|http1    HTTPS with the testkit's self-signed certificate, offering HTTP/2 by ALPN (h2)");
    out.println("                    or HTTP/1.1 only (http1); the URL printed starts with https");
  }
}
