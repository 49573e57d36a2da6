package dev.tollgate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Runs {@code body} on an event loop of {@link #vertx} and waits for what it completes. */
  private static <T> T onLoop(java.util.function.Consumer<CompletableFuture<T>> body) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        body.accept(done);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }

  private record Ran(String name, long dueNanos, long atNanos) {}

  @Test
  void stepsRunInDueOrderAndNeverEarly() throws Exception {
    List<Ran> ran = onLoop(done -> {
      Pacer pacer = Pacer.onThisLoop(vertx);
      List<Ran> out = new ArrayList<>();
      long[] delaysMs = {30, 5, 20, 5, 12};
      for (int i = 0; i < delaysMs.length; i++) {
        String name = "step" + i;
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delaysMs[i]);
        pacer.schedule(TimeUnit.MILLISECONDS.toNanos(delaysMs[i]), () -> {
          out.add(new Ran(name, due, System.nanoTime()));
          if (out.size() == delaysMs.length) {
            done.complete(out);
          }
        });
      }
    });
    assertEquals(List.of("step1", "step3", "step4", "step2", "step0"), ran.stream().map(Ran::name).toList(),
        "by due time; equal due times in the order they were scheduled");
    for (Ran r : ran) {
      assertTrue(r.atNanos() >= r.dueNanos(), r.name() + " ran " + (r.dueNanos() - r.atNanos()) + " ns early");
    }
  }

  @Test
  void aStepScheduledByARunningStepDoesNotDelayTheOnesAlreadyWaiting() throws Exception {
    // step "a" (5 ms) schedules "later" (200 ms) while "b" (15 ms) waits: "b" must still run near 15 ms, not after
    // "later" (the wake-up must be armed for the earliest step, not the newest)
    long[] elapsedMs = onLoop(done -> {
      Pacer pacer = Pacer.onThisLoop(vertx);
      long t0 = System.nanoTime();
      long[] at = new long[2];
      Runnable later = () -> {
        at[1] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        done.complete(at);
      };
      pacer.schedule(TimeUnit.MILLISECONDS.toNanos(5), () -> pacer.schedule(TimeUnit.MILLISECONDS.toNanos(200), later));
      pacer.schedule(TimeUnit.MILLISECONDS.toNanos(15),
          () -> at[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    });
    assertTrue(elapsedMs[0] >= 15 && elapsedMs[0] < 150, "the 15 ms step ran after " + elapsedMs[0] + " ms");
    assertTrue(elapsedMs[1] >= 205, "the step scheduled 200 ms after the 5 ms one ran after " + elapsedMs[1] + " ms");
  }

  @Test
  void onePacerPerEventLoopAndNoneOffTheLoop() throws Exception {
    assertNull(Pacer.onThisLoop(vertx), "not on an event loop");
    Pacer[] twice = onLoop(done -> done.complete(new Pacer[] {Pacer.onThisLoop(vertx), Pacer.onThisLoop(vertx)}));
    assertNotNull(twice[0]);
    assertSame(twice[0], twice[1]);
  }
}
