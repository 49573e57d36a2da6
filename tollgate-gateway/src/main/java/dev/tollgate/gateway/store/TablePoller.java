package dev.tollgate.gateway.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling half of the stores that other instances may change (stored models, stored guardrails): a daemon thread
 * (never an event loop) that runs a "reload if the table changed" check every interval, logs when it reloaded, and
 * logs and retries when the database cannot be read.
 */
public final class TablePoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TablePoller.class);
  private final String threadName;
  private final String what;
  private final BooleanSupplier refreshIfChanged;
  private ScheduledExecutorService timer;

  /**
   * @param threadName the polling thread's name
   * @param what what the table holds, for the log lines ("models", "guardrails")
   * @param refreshIfChanged reloads when the table changed; true when it did
   */
  public TablePoller(String threadName, String what, BooleanSupplier refreshIfChanged) {
    this.threadName = threadName;
    this.what = what;
    this.refreshIfChanged = refreshIfChanged;
  }

  /** (Re)starts polling every {@code interval} (at least 10 ms). */
  public synchronized void start(Duration interval) {
    close();
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(10, interval.toMillis());
    timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      if (refreshIfChanged.getAsBoolean()) {
        LOG.info("{} in the database changed; now serving the new list", what);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot read the {} in the database (will retry): {}", what, e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
