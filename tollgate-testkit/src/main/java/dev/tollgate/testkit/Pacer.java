package dev.tollgate.testkit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The delayed steps of the exchanges on one event loop (stream events 20 ms apart, reply delays), run from one timer.
 *
 * <p>A Vert.x timer per step costs a timer registration, a context dispatch and clock reads per step: with 1,000
 * streams of events 20 ms apart that was about a fifth of the fake's CPU, which the load benchmark's fake shares with
 * the proxy it measures. Here the steps wait in a queue ordered by due time, and one task on the Netty event loop's
 * scheduler (nanosecond deadlines) wakes the loop at the earliest due time: every step due by then runs, in one
 * context dispatch with one clock read. Steps never run early; under load they run late by the loop's backlog, as
 * timers do.
 *
 * <p>One pacer per event-loop thread ({@link #onThisLoop}), made on the first exchange's context there; it is only
 * touched from that thread.
 */
final class Pacer {
  private static final ThreadLocal<Pacer> PER_LOOP = new ThreadLocal<>();

  private record Step(long dueNanos, long order, Runnable action) implements Comparable<Step> {
    @Override
    public int compareTo(Step o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private final Vertx vertx;
  private final ContextInternal context;
  private final EventLoop loop;
  private final Runnable fire;
  private final PriorityQueue<Step> queue = new PriorityQueue<>();
  private long order;
  private ScheduledFuture<?> timer;
  private long timerDue;
  private boolean firing;

  private Pacer(Vertx vertx, ContextInternal context) {
    this.vertx = vertx;
    this.context = context;
    this.loop = context.nettyEventLoop();
    this.fire = () -> context.emit(null, ignored -> fire());
  }

  /** This event loop's pacer, or null when the caller is not on an event loop of {@code vertx}. */
  static Pacer onThisLoop(Vertx vertx) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread() || context.owner() != vertx) {
      return null;
    }
    Pacer pacer = PER_LOOP.get();
    if (pacer == null || pacer.vertx != vertx) {
      pacer = new Pacer(vertx, (ContextInternal) context);
      PER_LOOP.set(pacer);
    }
    return pacer;
  }

  /** Runs {@code action} on this event loop once {@code delayNanos} have passed. */
  void schedule(long delayNanos, Runnable action) {
    long now = System.nanoTime();
    long due = now + delayNanos;
    queue.add(new Step(due, order++, action));
    if (!firing && (timer == null || due < timerDue)) {
      arm(due, now);
    }
  }

  private void arm(long due, long now) {
    if (timer != null) {
      timer.cancel(false);
    }
    timerDue = due;
    timer = loop.schedule(fire, Math.max(0, due - now), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    timer = null;
    long now = System.nanoTime();
    Step next;
    firing = true; // steps scheduled by the actions below are armed for once, after the loop
    while ((next = queue.peek()) != null && next.dueNanos() <= now) {
      queue.poll();
      try {
        next.action().run();
      } catch (RuntimeException e) {
        context.reportException(e); // one failing step must not stop the others on this loop
      }
    }
    firing = false;
    next = queue.peek();
    if (next != null) {
      arm(next.dueNanos(), now);
    }
  }
}
