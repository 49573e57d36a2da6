package dev.tollgate.core.router;

import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler for tests: records each requested delay, moves the {@link ManualClock} forward by it and runs the task
 * right away, so a routed request completes within the test's own call without real waiting.
 */
final class RecordingScheduler implements Scheduler {
  private final ManualClock clock;
  private final List<Long> delays = new ArrayList<>();

  RecordingScheduler(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public void schedule(long delayMillis, Runnable task) {
    delays.add(delayMillis);
    clock.advance(Math.max(0, delayMillis));
    task.run();
  }

  List<Long> delays() {
    return delays;
  }
}
