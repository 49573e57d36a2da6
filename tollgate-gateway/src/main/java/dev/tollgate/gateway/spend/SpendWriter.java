package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.calls.CallRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues completed calls and writes them in batches: every flush interval
 * ({@code general_settings.proxy_batch_write_at}) or as soon as {@value #FLUSH_AT_ROWS} rows are queued, at most
 * {@value #MAX_BATCH} rows per transaction. {@link #add} never blocks (it runs on event loops); writing runs on this
 * writer's own thread ({@code tollgate-spend}), which runs each transaction itself with a pooled connection.
 *
 * <p><b>Batch size.</b> Every transaction pays a commit (with SQLite a WAL append and sync) and the pages it touches
 * once, however many rows it holds, so the writer keeps batches large. A drain kicked by {@link #add} writes batches
 * while at least {@value #FLUSH_AT_ROWS} rows are queued and leaves a smaller rest queued; only the periodic flush,
 * {@link #flush} and {@link #close} write down to the last row. Under load the writer so writes batches of
 * {@value #FLUSH_AT_ROWS} rows or more (when it falls behind, as many as are queued, up to {@value #MAX_BATCH}) instead
 * of chasing the queue with one small transaction after another: draining to empty after each kick gave batches of
 * about 40 rows at 16,000 requests a second on a 2-core machine. Larger transactions cost less per row (with about
 * 300,000 rows in the file a writer alone wrote about 18,000 rows/s in batches of 1,000 and about 24,000 in batches
 * of 5,000 on a 2-core machine).
 *
 * <p>The queue holds a {@link SpendRow} per call, made when the call completes: only what its row and aggregates need,
 * not the {@link CallRecord} and what that one reaches, so that a backlog costs little memory.
 *
 * <p>Each call's cost is counted in {@link PendingSpend} when it is queued and moved out after its batch committed
 * (the key's cache entry is dropped first, so that the next check reloads the written spend: budgets never see the
 * amount missing, at worst twice for a moment).
 *
 * <p><b>Failures.</b> When a write fails the batch is kept and retried with backoff (1 s doubling to 30 s); rows keep
 * queuing up to {@value #MAX_QUEUED}, beyond which new rows are dropped and counted ({@link #dropped}). While writes
 * fail the writer logs once a minute. {@link #close} writes everything still queued (retrying for up to 30 s).
 */
public final class SpendWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpendWriter.class);
  public static final int FLUSH_AT_ROWS = 2000;
  public static final int MAX_BATCH = 5000;
  public static final int MAX_QUEUED = 100_000;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long LOG_EVERY_MS = 60_000;

  private final SpendStore store;
  private final PendingSpend pending;
  private final Consumer<String> keyWritten;
  private final BiConsumer<String, String> entityWritten;
  private final ConcurrentLinkedQueue<SpendRow> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failedWrites = new AtomicLong();
  private final AtomicBoolean kicked = new AtomicBoolean();
  private final ScheduledExecutorService thread;
  private volatile boolean closed;
  private ScheduledFuture<?> periodic;
  private volatile long lastDropLog;

  // writer-thread state
  private List<SpendRow> retry = List.of();
  private int consecutiveFailures;
  private long nextAttemptAt;
  private long lastFailureLog;

  /**
   * @param keyWritten called with each key hash whose spend a batch wrote (drops the key's cache entry)
   */
  public SpendWriter(SpendStore store, PendingSpend pending, Consumer<String> keyWritten) {
    this(store, pending, keyWritten, (kind, id) -> {});
  }

  /**
   * @param keyWritten called with each key hash whose spend a batch wrote (drops the key's cache entry)
   * @param entityWritten called with the kind ({@code user}, {@code team}, {@code organization}, {@code end_user})
   *     and id of each entity whose spend a batch wrote (drops its cache entry)
   */
  public SpendWriter(SpendStore store, PendingSpend pending, Consumer<String> keyWritten,
      BiConsumer<String, String> entityWritten) {
    this.store = store;
    this.pending = pending;
    this.keyWritten = keyWritten;
    this.entityWritten = entityWritten;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-spend");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts (or restarts with a new interval) the periodic flush. */
  public synchronized void start(Duration interval) {
    if (periodic != null) {
      periodic.cancel(false);
    }
    long ms = Math.max(10, interval.toMillis());
    periodic = thread.scheduleWithFixedDelay(() -> drain(false, true), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Queues a completed call's row; never blocks. */
  public void add(CallRecord record) {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      long n = dropped.incrementAndGet();
      long now = System.currentTimeMillis();
      if (n == 1 || now - lastDropLog >= 10_000) {
        lastDropLog = now;
        LOG.error("SPEND IS BEING LOST: {} call records are queued (the limit) because the database cannot be "
            + "written; {} records dropped so far", MAX_QUEUED, n);
      }
      return;
    }
    SpendRow row = SpendRow.of(record);
    pending.add(row.apiKey(), row.cost());
    if (row.cost() != 0) {
      forEachEntity(row, (kind, id) -> pending.add(PendingSpend.entity(kind, id), row.cost()));
      String keyModel = row.keyModel();
      if (keyModel != null) {
        pending.add(keyModel, row.cost());
      }
    }
    queue.add(row);
    if (closed) {
      LOG.warn("a call record arrived after the spend writer closed; it will not be written: {}", row.requestId());
    }
    if (queued.get() >= FLUSH_AT_ROWS && kicked.compareAndSet(false, true) && !closed) {
      try {
        thread.execute(() -> drain(false, false));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        kicked.set(false);
      }
    }
  }

  /** Writes everything queued now, ignoring any backoff, and waits; throws if a write fails. For tests and tools. */
  public void flush() {
    try {
      Boolean ok = thread.submit(() -> drain(true, true)).get(60, TimeUnit.SECONDS);
      if (!ok) {
        throw new IllegalStateException("the spend flush failed; " + queued.get() + " rows are still queued");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows queued or being retried, not yet written. */
  public int queued() {
    return queued.get();
  }

  public long written() {
    return written.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long failedWrites() {
    return failedWrites.get();
  }

  /**
   * Writes batches until the queue is empty (or, when not {@code all}, holds less than a full batch) or a write
   * fails; true when everything it set out to write was written.
   *
   * @param force ignore the backoff after a failed write
   * @param all write what is queued down to the last row (the periodic flush, {@link #flush}, {@link #close}); a drain
   *     kicked by {@link #add} writes only batches of at least {@value #FLUSH_AT_ROWS} rows and leaves a smaller rest
   *     to the next kick or the periodic flush
   */
  private boolean drain(boolean force, boolean all) {
    kicked.set(false);
    long now = System.currentTimeMillis();
    if (!force && now < nextAttemptAt) {
      return false;
    }
    while (true) {
      List<SpendRow> batch = retry;
      if (batch.isEmpty()) {
        if (!all && queued.get() < FLUSH_AT_ROWS) {
          return true;
        }
        batch = new ArrayList<>(Math.min(MAX_BATCH, Math.max(16, queued.get())));
        SpendRow r;
        while (batch.size() < MAX_BATCH && (r = queue.poll()) != null) {
          batch.add(r);
        }
      }
      if (batch.isEmpty()) {
        return true;
      }
      try {
        store.write(batch);
      } catch (Exception | Error e) {
        retry = batch;
        failedWrites.incrementAndGet();
        consecutiveFailures++;
        long backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(15, consecutiveFailures - 1));
        long at = System.currentTimeMillis();
        nextAttemptAt = at + backoff;
        if (consecutiveFailures == 1 || at - lastFailureLog >= LOG_EVERY_MS) {
          lastFailureLog = at;
          LOG.error("cannot write spend to the database ({} rows queued, retrying in {} ms): {}", queued.get(),
              backoff, rootMessage(e));
        }
        return false;
      }
      retry = List.of();
      if (consecutiveFailures > 0) {
        LOG.info("spend writes recovered after {} failed attempts", consecutiveFailures);
      }
      consecutiveFailures = 0;
      nextAttemptAt = 0;
      written(batch);
    }
  }

  private void written(List<SpendRow> batch) {
    queued.addAndGet(-batch.size());
    written.addAndGet(batch.size());
    Map<String, Double> perKey = new HashMap<>();
    Map<List<String>, Double> perEntity = new HashMap<>();
    Map<String, Double> perKeyModel = new HashMap<>();
    for (SpendRow r : batch) {
      if (r.apiKey() != null && r.cost() != 0) {
        perKey.merge(r.apiKey(), r.cost(), Double::sum);
      }
      if (r.cost() != 0) {
        forEachEntity(r, (kind, id) -> perEntity.merge(List.of(kind, id), r.cost(), Double::sum));
        String keyModel = r.keyModel();
        if (keyModel != null) {
          perKeyModel.merge(keyModel, r.cost(), Double::sum);
        }
      }
    }
    // Drop the cached key first (the next check reloads the written spend), then the pending amount: a check in
    // between counts the amount twice (refuses early) rather than not at all.
    perKey.forEach((key, amount) -> {
      keyWritten.accept(key);
      pending.written(key, amount);
    });
    perKeyModel.forEach(pending::written); // their keys' entries were dropped just above
    perEntity.forEach((entity, amount) -> {
      entityWritten.accept(entity.get(0), entity.get(1));
      pending.written(PendingSpend.entity(entity.get(0), entity.get(1)), amount);
    });
  }

  /** The user, team, organization, end user and team member a call's spend is added to. */
  static void forEachEntity(SpendRow r, BiConsumer<String, String> action) {
    if (r.userId() != null) {
      action.accept("user", r.userId());
    }
    if (r.teamId() != null) {
      action.accept("team", r.teamId());
    }
    if (r.organizationId() != null) {
      action.accept("organization", r.organizationId());
    }
    if (r.endUser() != null) {
      action.accept("end_user", r.endUser());
    }
    if (r.teamId() != null && r.userId() != null) {
      action.accept("team_member", r.teamId() + '\u001f' + r.userId()); // EntityKind.memberId
    }
  }

  /** Stops the periodic flush and writes everything still queued, retrying for up to 30 s. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
    }
    long deadline = System.currentTimeMillis() + 30_000;
    boolean done = false;
    try {
      while (!done) {
        done = thread.submit(() -> drain(true, true)).get(60, TimeUnit.SECONDS);
        if (!done) {
          if (System.currentTimeMillis() > deadline) {
            break;
          }
          Thread.sleep(250);
        }
      }
    } catch (Exception e) {
      LOG.error("the final spend flush failed", e);
    }
    thread.shutdown();
    if (!done || queued.get() > 0) {
      LOG.error("SPEND LOST at shutdown: {} call records could not be written to the database", queued.get());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
