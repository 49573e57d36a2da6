package dev.tollgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis pub/sub channel between gateway instances. Each message carries the sender's random instance id, so that a
 * subscriber sees only the other instances' messages. The subscription holds one dedicated connection; when it drops
 * (or Redis is down at start) it is re-established every {@link SharedRedis#RETRY_MILLIS}, and {@code onSubscribed}
 * runs after every successful (re)subscription, so that a subscriber can drop what it may have missed meanwhile.
 */
public final class RedisChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisChannel.class);

  private final SharedRedis redis;
  private final String channel;
  private final String instanceId = UUID.randomUUID().toString();
  private final ThrottledLog failures = new ThrottledLog(LOG, 60_000);
  private Consumer<String> onMessage;
  private Runnable onSubscribed;
  private RedisConnection connection;
  private boolean retrying;
  private volatile boolean closed;

  /** @param name the channel, under the settings' key prefix (e.g. {@code keys:invalidate}) */
  public RedisChannel(SharedRedis redis, String name) {
    this.redis = redis;
    this.channel = redis.settings().keyPrefix() + name;
  }

  public String channel() {
    return channel;
  }

  /** Sends {@code message} to every other subscribed instance. Fails when Redis does not take it. */
  public Future<Void> publish(String message) {
    return redis.client().send(Request.cmd(Command.PUBLISH).arg(channel).arg(instanceId + " " + message))
        .timeout(1, java.util.concurrent.TimeUnit.SECONDS)
        .onFailure(e -> {
          if (failures.due()) {
            LOG.warn("cannot publish on Redis channel {} ({}); other instances see the change when their cache "
                + "entry expires", channel, e.getMessage());
          }
        })
        .mapEmpty();
  }

  /** Starts the subscription (once); both callbacks run on a Vert.x event loop. */
  public synchronized void subscribe(Consumer<String> onMessage, Runnable onSubscribed) {
    if (this.onMessage != null) {
      throw new IllegalStateException("already subscribed to " + channel);
    }
    this.onMessage = onMessage;
    this.onSubscribed = onSubscribed;
    connect();
  }

  private void connect() {
    if (closed) {
      return;
    }
    redis.client().connect().compose(c -> {
      synchronized (this) {
        connection = c;
      }
      c.handler(this::onPush);
      c.exceptionHandler(e -> lost(c, e));
      c.endHandler(v -> lost(c, null));
      return c.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
    }).onSuccess(r -> {
      LOG.debug("subscribed to Redis channel {}", channel);
      onSubscribed.run();
    }).onFailure(e -> lost(null, e));
  }

  private void onPush(Response r) {
    if (r == null || r.size() < 3 || !"message".equals(r.get(0).toString())) {
      return;
    }
    String payload = r.get(2).toString();
    int space = payload.indexOf(' ');
    if (space < 0 || payload.regionMatches(0, instanceId, 0, space) && space == instanceId.length()) {
      return;
    }
    onMessage.accept(payload.substring(space + 1));
  }

  /** @param from the connection that reported it, or null; a stale connection's report is ignored */
  private void lost(RedisConnection from, Throwable cause) {
    RedisConnection old;
    synchronized (this) {
      if (closed || retrying || from != null && from != connection) {
        return;
      }
      retrying = true;
      old = connection;
      connection = null;
    }
    if (failures.due()) {
      LOG.warn("Redis channel {} is not subscribed ({}); retrying every {} ms", channel,
          cause == null ? "connection closed" : cause.getMessage(), SharedRedis.RETRY_MILLIS);
    }
    if (old != null) {
      old.close();
    }
    redis.vertx().setTimer(SharedRedis.RETRY_MILLIS, t -> {
      synchronized (this) {
        retrying = false;
      }
      connect();
    });
  }

  @Override
  public void close() {
    RedisConnection c;
    synchronized (this) {
      closed = true;
      c = connection;
      connection = null;
    }
    if (c != null) {
      c.close();
    }
  }
}
