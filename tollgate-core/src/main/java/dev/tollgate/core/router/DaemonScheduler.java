package dev.tollgate.core.router;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler#daemon()}: one daemon thread shared by every SDK router in the process. */
final class DaemonScheduler implements Scheduler {
  static final DaemonScheduler INSTANCE = new DaemonScheduler();

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tollgate-router-scheduler");
    t.setDaemon(true);
    return t;
  });

  private DaemonScheduler() {}

  @Override
  public void schedule(long delayMillis, Runnable task) {
    executor.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
  }
}
