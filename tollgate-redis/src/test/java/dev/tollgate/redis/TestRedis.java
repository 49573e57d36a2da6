package dev.tollgate.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The Redis the tests use: 127.0.0.1:6379 when it answers (env {@code TOLLGATE_TEST_REDIS_PORT} picks another port);
 * else an embedded one started once per JVM, except under CI ({@code CI=true}), where a missing Redis fails the test.
 * Each test takes its own key prefix, so parallel runs never collide, and deletes only its own keys.
 */
public final class TestRedis {
  private static int port;
  private static RedisServer embedded;

  private TestRedis() {}

  public static synchronized int port() {
    if (port != 0) {
      return port;
    }
    String env = System.getenv("TOLLGATE_TEST_REDIS_PORT");
    int local = env != null && !env.isBlank() ? Integer.parseInt(env.trim()) : 6379;
    if (answers(local)) {
      port = local;
      return port;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("Redis is not reachable at 127.0.0.1:" + local + "; CI must provide it");
    }
    try {
      int free = freePort();
      embedded = new RedisServer(free);
      embedded.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.stop();
        } catch (IOException ignored) {
          // exiting
        }
      }));
      port = free;
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded Redis", e);
    }
  }

  /** Settings for a fresh, unique key prefix, with a timeout generous enough for a loaded test machine. */
  public static RedisSettings settings() {
    return RedisSettings.of("127.0.0.1", port(), null, null)
        .withKeyPrefix("tollgate-test:" + UUID.randomUUID().toString().substring(0, 8) + ":")
        .withTimeout(java.time.Duration.ofSeconds(2));
  }

  /** Deletes every key under {@code prefix} (and nothing else). */
  public static void deleteKeys(io.vertx.redis.client.Redis client, String prefix) throws Exception {
    io.vertx.redis.client.Response keys = client.send(io.vertx.redis.client.Request
        .cmd(io.vertx.redis.client.Command.KEYS).arg(prefix + "*")).await(5, java.util.concurrent.TimeUnit.SECONDS);
    if (keys.size() == 0) {
      return;
    }
    io.vertx.redis.client.Request del = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL);
    for (io.vertx.redis.client.Response key : keys) {
      del.arg(key.toString());
    }
    client.send(del).await(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** A port where nothing listens. */
  public static int deadPort() {
    return freePort();
  }

  private static boolean answers(int p) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", p), 500);
      s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.setSoTimeout(1000);
      return s.getInputStream().read() == '+';
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
