package dev.tollgate.gateway.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code limit} in flight, and completes with their results in the order given
 * (LiteLLM's bounded health-check concurrency). Non-blocking: the next task starts from the completion of one before
 * it. A task that throws or fails counts as done with a null result; callers make their tasks never fail.
 */
final class BoundedRuns<T> {
  private final List<Supplier<Future<T>>> tasks;
  private final List<T> results;
  private final Promise<List<T>> done = Promise.promise();
  private int next;
  private int finished;

  private BoundedRuns(List<Supplier<Future<T>>> tasks) {
    this.tasks = List.copyOf(tasks);
    this.results = new ArrayList<>(tasks.size());
    tasks.forEach(t -> results.add(null));
  }

  static <T> Future<List<T>> all(List<Supplier<Future<T>>> tasks, int limit) {
    BoundedRuns<T> runs = new BoundedRuns<>(tasks);
    if (tasks.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    for (int i = 0; i < Math.min(Math.max(1, limit), tasks.size()); i++) {
      runs.launch();
    }
    return runs.done.future();
  }

  private void launch() {
    int index;
    synchronized (this) {
      if (next >= tasks.size()) {
        return;
      }
      index = next++;
    }
    Future<T> running;
    try {
      running = tasks.get(index).get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(r -> {
      boolean last;
      synchronized (this) {
        results.set(index, r.succeeded() ? r.result() : null);
        last = ++finished == tasks.size();
      }
      if (last) {
        done.complete(results);
      } else {
        launch();
      }
    });
  }
}
