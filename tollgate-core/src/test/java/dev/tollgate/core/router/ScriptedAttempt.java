package dev.tollgate.core.router;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An {@link Attempt} whose outcomes are scripted per deployment id, in order: an exception fails the attempt, a
 * {@link CompletableFuture} is returned as is (to complete later), a string succeeds with it; when a deployment's
 * script is used up, it answers {@code "ok from <id>"}. Every call is recorded.
 */
final class ScriptedAttempt implements Attempt<String> {
  private final Map<String, Deque<Object>> scripts = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private Consumer<Call> onCall = c -> {};

  record Call(String deploymentId, AttemptInfo info) {}

  ScriptedAttempt script(String deploymentId, Object... outcomes) {
    Deque<Object> queue = scripts.computeIfAbsent(deploymentId, k -> new ArrayDeque<>());
    for (Object o : outcomes) {
      queue.add(o);
    }
    return this;
  }

  /** Runs {@code action} at the start of every call (e.g. to move the clock as if the call took time). */
  ScriptedAttempt onCall(Consumer<Call> action) {
    this.onCall = action;
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<String> call(ModelGroups.Pick pick, AttemptInfo info) {
    String id = pick.deployment().id();
    Call call = new Call(id, info);
    calls.add(call);
    onCall.accept(call);
    Deque<Object> queue = scripts.get(id);
    Object outcome = queue == null ? null : queue.poll();
    if (outcome == null) {
      return CompletableFuture.completedFuture("ok from " + id);
    }
    if (outcome instanceof Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
    if (outcome instanceof CompletableFuture<?> f) {
      return (CompletableFuture<String>) f;
    }
    return CompletableFuture.completedFuture(outcome.toString());
  }

  List<Call> calls() {
    return calls;
  }

  List<String> deploymentsCalled() {
    return calls.stream().map(Call::deploymentId).toList();
  }
}
