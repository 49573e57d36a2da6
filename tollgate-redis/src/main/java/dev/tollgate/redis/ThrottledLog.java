package dev.tollgate.redis;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs a warning at most once per interval, so that an outage does not flood the log with one line per request. */
public final class ThrottledLog {
  private final Logger log;
  private final long intervalMillis;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

  public ThrottledLog(Logger log, long intervalMillis) {
    this.log = log;
    this.intervalMillis = intervalMillis;
  }

  /** Logs when the last line is older than the interval; returns whether it logged. */
  public boolean warn(String format, Object... args) {
    if (!due()) {
      return false;
    }
    log.warn(format, args);
    return true;
  }

  /** True (and counts as a line) when the last line is older than the interval. */
  public boolean due() {
    long now = System.currentTimeMillis();
    long prev = last.get();
    return now - prev >= intervalMillis && last.compareAndSet(prev, now);
  }
}
