package dev.tollgate.gateway.models;

import dev.tollgate.core.router.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The router's back-off timers on Vert.x: a retry scheduled while a request is handled runs on that request's event
 * loop ({@code setTimer} from a context fires on it), so no thread is blocked and the request stays confined to its
 * loop. Outside Vert.x (tests, tools) it uses the core's daemon scheduler.
 */
final class EventLoopScheduler implements Scheduler {
  static final EventLoopScheduler INSTANCE = new EventLoopScheduler();

  private EventLoopScheduler() {}

  @Override
  public void schedule(long delayMillis, Runnable task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      Scheduler.daemon().schedule(delayMillis, task);
    } else if (delayMillis <= 0) {
      context.runOnContext(v -> task.run());
    } else {
      context.owner().setTimer(delayMillis, id -> task.run());
    }
  }
}
