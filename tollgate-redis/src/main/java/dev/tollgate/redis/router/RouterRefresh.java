package dev.tollgate.redis.router;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.redis.SharedRedis;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of {@link RedisRouterState}: every {@link RedisRouterState#REFRESH_MILLIS} (on a Vert.x timer
 * of the {@link SharedRedis}'s Vert.x), one pipeline of plain commands (no scripts: nothing to reload after a Redis
 * restart) per {@link #CHUNK} deployments this instance has seen, which for each
 * <ol>
 *   <li>writes the requests and tokens counted here since the last batch ({@code HINCRBY}, {@code PEXPIRE}),
 *   <li>reads the minute's totals of all instances ({@code HMGET}), which include what was just written, since one
 *       connection runs a pipeline in order,
 *   <li>reads the cooldown key ({@code GET}), for a cooldown whose announcement this instance missed,
 *   <li>publishes this instance's in-flight calls ({@code HSET} field = instance id, value
 *       {@code "<instance> <count> <millis>"}) and reads every instance's ({@code HVALS}); entries older than
 *       {@link #BUSY_STALE_MILLIS} (an instance that died) are ignored and removed.
 * </ol>
 * and applies the answers to the local view. The batch goes through the {@link SharedRedis} breaker: while Redis is
 * down it is skipped (the counts wait here, for the current minute), and its failure trips the breaker and is logged
 * once like any other. Counts of a batch that found no connection are written again with the next one; those of a
 * batch that timed out (or met an error answer) are dropped, as Redis may have applied them: an outage may lose about
 * a second's counts, never double them. Counts not yet written when a minute ends are dropped too (that minute is
 * over), as are those of the last second before {@link #close}.
 */
final class RouterRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(RouterRefresh.class);
  static final long BUSY_STALE_MILLIS = 5_000;
  static final long BUSY_TTL_MILLIS = 10_000;
  /** Deployments per pipeline (up to seven commands each), well within the client's waiting-handler limit. */
  static final int CHUNK = 200;

  private final SharedRedis redis;
  private final RouterKeys keys;
  private final InMemoryRouterState local;
  private final Collection<DeploymentShare> shares;
  private final CooldownShare cooldowns;
  private final LongSupplier clock;
  private final String instanceId;
  private final long periodMillis;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean soon = new AtomicBoolean();
  private volatile Future<Void> current;
  private long timer = -1;
  private volatile boolean closed;

  RouterRefresh(SharedRedis redis, RouterKeys keys, InMemoryRouterState local, Collection<DeploymentShare> shares,
      CooldownShare cooldowns, LongSupplier clock, String instanceId, long periodMillis) {
    this.redis = redis;
    this.keys = keys;
    this.local = local;
    this.shares = shares;
    this.cooldowns = cooldowns;
    this.clock = clock;
    this.instanceId = instanceId;
    this.periodMillis = periodMillis;
  }

  synchronized void start() {
    if (timer < 0 && !closed) {
      timer = redis.vertx().setPeriodic(periodMillis, t -> runIfIdle());
    }
  }

  /** Asks for a batch shortly (a new deployment was seen, or the channel was (re)subscribed); requests coalesce. */
  void soon() {
    if (!closed && soon.compareAndSet(false, true)) {
      redis.vertx().setTimer(20, t -> {
        soon.set(false);
        runIfIdle();
      });
    }
  }

  /**
   * Runs one batch unless the breaker is open; when one is running already, returns that one. Completes when the
   * batch is done (never fails).
   */
  Future<Void> runIfIdle() {
    if (closed || shares.isEmpty() || !redis.available()) {
      return Future.succeededFuture();
    }
    if (!running.compareAndSet(false, true)) {
      Future<Void> c = current;
      return c == null ? Future.succeededFuture() : c;
    }
    try {
      Future<Void> batch = run();
      current = batch;
      return batch.onComplete(ar -> running.set(false));
    } catch (RuntimeException e) {
      running.set(false);
      throw e;
    }
  }

  private Future<Void> run() {
    long now = clock.getAsLong();
    List<DeploymentShare> all = new ArrayList<>(shares);
    List<Future<Void>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(run(all.subList(from, Math.min(all.size(), from + CHUNK)), now));
    }
    return Future.all(chunks).mapEmpty();
  }

  /** One pipeline for some deployments; completes when applied or given up (never fails). */
  private Future<Void> run(List<DeploymentShare> sent, long now) {
    long minute = now / 60_000;
    Batch batch = new Batch();
    List<DeploymentShare.Delta> taken = new ArrayList<>();
    for (DeploymentShare share : sent) {
      String usageKey = keys.usage(share.id, minute);
      DeploymentShare.Delta delta = share.take(minute);
      taken.add(delta);
      if (delta.requests() > 0) {
        batch.send(Request.cmd(Command.HINCRBY).arg(usageKey).arg("r").arg(delta.requests()));
      }
      if (delta.tokens() > 0) {
        batch.send(Request.cmd(Command.HINCRBY).arg(usageKey).arg("t").arg(delta.tokens()));
      }
      if (!delta.isEmpty()) {
        batch.send(Request.cmd(Command.PEXPIRE).arg(usageKey).arg(RedisRouterState.USAGE_TTL_MILLIS));
      }
      batch.read(Request.cmd(Command.HMGET).arg(usageKey).arg("r").arg("t"),
          r -> share.applyShared(local, minute, longAt(r, 0), longAt(r, 1)));
      batch.read(Request.cmd(Command.GET).arg(keys.cooldown(share.id)), r -> {
        if (r != null) {
          cooldowns.apply(share.id, r.toLong());
        }
      });
      String busyKey = keys.busy(share.id);
      long busy = local.inFlight(share.id);
      if (share.busyToWrite(busy)) {
        batch.send(Request.cmd(Command.HSET).arg(busyKey).arg(instanceId)
            .arg(instanceId + " " + busy + " " + now));
        batch.send(Request.cmd(Command.PEXPIRE).arg(busyKey).arg(BUSY_TTL_MILLIS));
      }
      batch.read(Request.cmd(Command.HVALS).arg(busyKey), r -> readBusy(share, busyKey, r, now));
    }
    return redis.guard(RedisRouterState.attempt(() -> redis.client().batch(batch.requests)), null,
            RedisRouterState.BACKGROUND_TIMEOUT_MILLIS)
        .map(responses -> {
          batch.deliver(responses);
          for (DeploymentShare share : sent) {
            cooldowns.retryUnshared(share);
          }
          return (Void) null;
        })
        .otherwise(e -> {
          // no connection: nothing was written, so write it again next time. Timed out, or Redis answered one
          // command with an error (the batch fails as a whole): the rest may have been applied, so drop the counts
          // rather than count them twice (or every second, if the error repeats).
          boolean mayHaveArrived = e instanceof TimeoutException || e instanceof Response;
          for (int i = 0; i < sent.size(); i++) {
            if (!mayHaveArrived) {
              sent.get(i).giveBack(taken.get(i));
            }
            sent.get(i).busyUnknown();
          }
          return null;
        });
  }

  /** Sums the other instances' fresh in-flight entries; removes the stale ones. */
  private void readBusy(DeploymentShare share, String busyKey, Response values, long now) {
    long others = 0;
    List<String> stale = null;
    if (values != null) {
      for (Response v : values) {
        String[] parts = v.toString().split(" ");
        if (parts.length != 3 || parts[0].equals(instanceId)) {
          continue;
        }
        if (now - Long.parseLong(parts[2]) > BUSY_STALE_MILLIS) {
          stale = stale == null ? new ArrayList<>() : stale;
          stale.add(parts[0]);
        } else {
          others += Long.parseLong(parts[1]);
        }
      }
    }
    share.readOthersInFlight(others, now);
    if (stale != null) {
      Request del = Request.cmd(Command.HDEL).arg(busyKey);
      stale.forEach(del::arg);
      redis.client().send(del);
    }
  }

  private static long longAt(Response r, int i) {
    Response v = r == null || r.size() <= i ? null : r.get(i);
    return v == null ? 0 : v.toLong();
  }

  synchronized void close() {
    closed = true;
    if (timer >= 0) {
      redis.vertx().cancelTimer(timer);
      timer = -1;
    }
  }

  /** Requests of one pipeline, each with what reads its answer (or nothing). */
  private static final class Batch {
    final List<Request> requests = new ArrayList<>();
    final List<Consumer<Response>> readers = new ArrayList<>();

    void send(Request r) {
      requests.add(r);
      readers.add(null);
    }

    void read(Request r, Consumer<Response> reader) {
      requests.add(r);
      readers.add(reader);
    }

    void deliver(List<Response> responses) {
      for (int i = 0; i < readers.size(); i++) {
        Consumer<Response> reader = readers.get(i);
        if (reader != null) {
          try {
            reader.accept(responses.get(i));
          } catch (RuntimeException e) {
            // an unexpected value (another writer's key?) spoils one reading, not the batch that already landed
            LOG.debug("ignoring an unreadable router state answer from Redis: {}", e.toString());
          }
        }
      }
    }
  }
}
