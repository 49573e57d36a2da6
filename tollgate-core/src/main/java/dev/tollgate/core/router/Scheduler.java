package dev.tollgate.core.router;

/**
 * Runs the router's delayed work (retry back-off). The gateway schedules on the request's event loop; the SDK on a
 * shared daemon thread ({@link #daemon()}).
 */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code task} after {@code delayMillis} (at once, but not inline, when zero or less). */
  void schedule(long delayMillis, Runnable task);

  /** A scheduler on one shared daemon thread; tasks must not block. */
  static Scheduler daemon() {
    return DaemonScheduler.INSTANCE;
  }
}
