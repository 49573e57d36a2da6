package dev.tollgate.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one Redis client: Vert.x's non-blocking client on the gateway's own event loops, a connection pool,
 * and a {@link #guard} that bounds every hot-path call by {@link RedisSettings#timeout()} and trips a {@link Breaker}
 * when Redis fails, so that callers fall back to local state quickly and try Redis again a second later. An outage is
 * logged at most once a minute; the recovery once.
 *
 * <p>Nothing is connected eagerly: an unreachable Redis at start is a warning ({@link #ping}), never a failure.
 */
public final class SharedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRedis.class);
  /** How long the breaker stays open after a failure before Redis is tried again. */
  public static final long RETRY_MILLIS = 1_000;
  private static final Exception UNAVAILABLE = new UnavailableException();

  private final Vertx vertx;
  private final Redis client;
  private final RedisSettings settings;
  private final long timeoutMillis;
  private final Breaker breaker = new Breaker(RETRY_MILLIS);
  private final ThrottledLog outage = new ThrottledLog(LOG, 60_000);

  private SharedRedis(Vertx vertx, Redis client, RedisSettings settings) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.timeoutMillis = Math.max(1, settings.timeout().toMillis());
  }

  public static SharedRedis create(Vertx vertx, RedisSettings settings) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(settings.connectionString())
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(4096)
        .setMaxWaitingHandlers(16_384);
    if (settings.password() != null && !settings.password().isEmpty()) {
      options.setPassword(settings.password());
    }
    if (settings.user() != null && !settings.user().isEmpty()) {
      options.setUser(settings.user());
    }
    options.getNetClientOptions().setConnectTimeout(1_000).setTcpNoDelay(true);
    return new SharedRedis(vertx, Redis.createClient(vertx, options), settings);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Redis client() {
    return client;
  }

  public RedisSettings settings() {
    return settings;
  }

  /** Whether a hot-path call may try Redis now (false for a second after a failure). */
  public boolean available() {
    return breaker.allows(System.currentTimeMillis());
  }

  /** Whether the last guarded call failed. */
  public boolean failing() {
    return breaker.failing();
  }

  /** A failed future for callers that skip Redis while the breaker is open (no stack trace, no allocation). */
  public static <T> Future<T> unavailable() {
    return Future.failedFuture(UNAVAILABLE);
  }

  /** Sends one command, guarded. */
  public Future<Response> send(Request request) {
    if (!available()) {
      return unavailable();
    }
    return guard(client.send(request), null);
  }

  /**
   * Bounds {@code raw} by the timeout and records the outcome in the breaker.
   *
   * @param late called with the result when {@code raw} succeeds after the timeout already failed the returned future
   *     (so that the caller can undo what it no longer waits for); may be null
   */
  public <T> Future<T> guard(Future<T> raw, Handler<T> late) {
    return guard(raw, late, timeoutMillis);
  }

  /**
   * {@link #guard(Future, Handler)} with its own timeout, for background work (a periodic batch) that may wait longer
   * than a hot-path call but should still trip the breaker and log the outage like one.
   */
  public <T> Future<T> guard(Future<T> raw, Handler<T> late, long timeoutMillis) {
    Future<T> timed = raw.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    timed.onComplete(ar -> {
      if (ar.succeeded()) {
        if (breaker.succeeded()) {
          LOG.info("Redis at {} answers again; shared limits and key invalidations are back",
              settings.display());
        }
        return;
      }
      breaker.failed(System.currentTimeMillis());
      String reason = ar.cause() instanceof TimeoutException ? "no answer within " + timeoutMillis + " ms"
          : String.valueOf(ar.cause().getMessage());
      if (outage.due()) {
        LOG.warn("Redis at {} failed ({}); counting in this instance's memory until it answers (retried every {} ms)",
            settings.display(), reason, RETRY_MILLIS);
      }
      if (late != null && ar.cause() instanceof TimeoutException) {
        raw.onSuccess(late);
      }
    });
    return timed;
  }

  /**
   * Checks that Redis answers, within a second; logs a warning (never fails) when it does not. The gateway starts
   * either way and uses local state until Redis answers.
   */
  public Future<Boolean> ping() {
    return client.send(Request.cmd(Command.PING)).timeout(1, TimeUnit.SECONDS)
        .map(r -> {
          LOG.info("Redis at {}: shared rate limits and key invalidations across instances", settings.display());
          return true;
        })
        .otherwise(e -> {
          breaker.failed(System.currentTimeMillis());
          LOG.warn("Redis at {} is not reachable at start ({}); counting limits in memory until it is",
              settings.display(), e.getMessage());
          return false;
        });
  }

  @Override
  public void close() {
    client.close();
  }

  /** What a skipped call fails with. */
  public static final class UnavailableException extends Exception {
    UnavailableException() {
      super("Redis is unavailable (retried shortly)", null, false, false);
    }
  }
}
