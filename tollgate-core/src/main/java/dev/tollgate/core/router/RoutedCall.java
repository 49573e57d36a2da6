package dev.tollgate.core.router;

import dev.tollgate.providers.error.TimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The state machine of one routed request: attempt, then on failure cooldown, retry within the group (after a
 * back-off on the {@link Scheduler}), then the next fallback group, until an attempt succeeds or retries, fallbacks or
 * the deadline are spent.
 *
 * <p>Cancelling the returned future stops the request: no further attempt starts, and a result that arrives after
 * the cancellation is released (its lease abandoned, an {@link AutoCloseable} value closed).
 *
 * <p>Only one step runs at a time (each step is started by the completion of the previous one), so the fields need
 * no locking: the completion of each stage publishes them to whichever thread runs the next step. Nothing here
 * blocks; an attempt is expected to honour its {@link AttemptInfo#timeout()}.
 */
final class RoutedCall<T> {
  private final Router router;
  private final RouteRequest request;
  private final Attempt<T> attempt;
  private final RouteTrace trace;
  private final CompletableFuture<Routed<T>> result = new CompletableFuture<>();
  /** Epoch millis after which no attempt starts; {@link Long#MAX_VALUE} when the request has no deadline. */
  private final long deadline;
  private final Duration deadlineLength;

  private RouteTarget target;
  private boolean inFallback;
  private final Set<String> tried = new HashSet<>();
  private int retriesInGroup;
  /** A retry was decided and is counted in the trace when its attempt actually starts. */
  private boolean retryPending;
  private int attempts;
  private Throwable groupError;
  private Throwable lastAttemptError;
  private Throwable lastSelectError;
  private List<String> fallbacks;
  private int nextFallback;
  private int fallbacksTried;

  RoutedCall(Router router, RouteRequest request, Attempt<T> attempt) {
    this.router = router;
    this.request = request;
    this.attempt = attempt;
    this.trace = request.trace() != null ? request.trace() : new RouteTrace();
    this.deadlineLength = request.timeout() != null ? request.timeout() : router.options().timeout();
    this.deadline = deadlineLength == null ? Long.MAX_VALUE : router.now() + deadlineLength.toMillis();
  }

  CompletableFuture<Routed<T>> start(RouteTarget primary) {
    step(() -> enter(primary, false));
    return result;
  }

  /** Runs one step; a bug or a refusing scheduler fails the request instead of leaving it hanging. */
  private void step(Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  private void enter(RouteTarget next, boolean fallback) {
    target = next;
    inFallback = fallback;
    tried.clear();
    retriesInGroup = 0;
    retryPending = false;
    groupError = null;
    attemptOnce();
  }

  private void attemptOnce() {
    if (result.isDone()) {
      return; // the caller cancelled: no more attempts
    }
    if (router.now() >= deadline) {
      failAtDeadline();
      return;
    }
    CompletionStage<ModelGroups.Pick> picked;
    if (target.direct() != null) {
      picked = CompletableFuture.completedFuture(target.direct());
    } else {
      try {
        picked = router.selector().select(target.group(), request, Set.copyOf(tried));
      } catch (RuntimeException e) {
        picked = CompletableFuture.failedFuture(e);
      }
    }
    picked.whenComplete((pick, error) -> step(() -> {
      if (error != null || pick == null) {
        noDeployment(error);
      } else {
        call(pick);
      }
    }));
  }

  private void call(ModelGroups.Pick pick) {
    if (router.now() >= deadline) {
      failAtDeadline();
      return;
    }
    Deployment d = pick.deployment();
    tried.add(d.id());
    if (retryPending) {
      retryPending = false;
      trace.retried();
    }
    trace.attempting(target.name(), d);
    AttemptInfo info = new AttemptInfo(target.name(), attempts++, inFallback, attemptTimeout(d));
    RouterState state = router.state();
    state.callStarted(d.id());
    long startedAt = router.now();
    CompletionStage<T> stage;
    try {
      stage = attempt.call(pick, info);
      if (stage == null) {
        stage = CompletableFuture.failedFuture(new IllegalStateException("the attempt returned no stage"));
      }
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((value, error) -> step(() -> {
      if (error == null) {
        succeeded(pick, value, startedAt);
      } else {
        state.callEnded(d.id());
        failed(pick, ErrorKind.unwrap(error));
      }
    }));
  }

  private void succeeded(ModelGroups.Pick pick, T value, long startedAt) {
    String id = pick.deployment().id();
    if (request.stream()) {
      router.state().recordLatency(id, Math.max(0, router.now() - startedAt), true);
    }
    CallLease lease = new DeploymentLease(router.state(), id, startedAt, request.stream(), router.clock());
    if (!result.complete(new Routed<>(value, pick, target.name(), trace, lease))) {
      lease.abandon(); // cancelled meanwhile: nobody will end this call, so release what it holds
      if (value instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // best effort: the caller is gone
        }
      }
    }
  }

  private void failed(ModelGroups.Pick pick, Throwable error) {
    lastAttemptError = error;
    groupError = error;
    ErrorKind kind = ErrorKind.of(error);
    int status = ErrorKind.statusOf(error);
    router.state().failureSeen(pick.deployment().id(), status + " " + kind.litellmName());
    router.cooldowns()
        .afterFailure(target.deployments().size(), pick.deployment(), kind, status)
        .whenComplete((cooled, ignored) -> step(() -> decide(pick.deployment(), kind, error)));
  }

  private void decide(Deployment failedOn, ErrorKind kind, Throwable error) {
    int allowed = router.retries().retriesFor(request, target.name(), failedOn, kind);
    if (retriesInGroup >= allowed || !router.retries().mayRetry(kind, untriedLeft(true))) {
      groupSpent(kind);
      return;
    }
    long now = router.now();
    if (now >= deadline) {
      failAtDeadline();
      return;
    }
    long delay = router.backoff().delayMillis(error, kind, retriesInGroup, untriedLeft(true));
    if (deadline != Long.MAX_VALUE && now + delay >= deadline) {
      finishWithError();
      return;
    }
    if (target.group() != null && allCoolingAt(now + delay)) {
      groupSpent(kind); // nothing to retry on: waiting would only delay the fallbacks
      return;
    }
    retriesInGroup++;
    retryPending = true;
    if (delay <= 0) {
      attemptOnce();
    } else {
      router.scheduler().schedule(delay, () -> step(this::attemptOnce));
    }
  }

  /** Whether the group has a deployment this request has not tried (and, if asked, that is not cooling down). */
  private boolean untriedLeft(boolean skipCooling) {
    long now = router.now();
    for (Deployment d : target.deployments()) {
      if (!tried.contains(d.id()) && (!skipCooling || router.state().cooldownUntil(d.id()) <= now)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every deployment of the group is still cooling down at {@code time}. */
  private boolean allCoolingAt(long time) {
    for (Deployment d : target.deployments()) {
      if (router.state().cooldownUntil(d.id()) <= time) {
        return false;
      }
    }
    return true;
  }

  private void noDeployment(Throwable error) {
    lastSelectError = error == null
        ? new IllegalStateException("the selector chose no deployment for model=" + request.model())
        : ErrorKind.unwrap(error);
    groupSpent(groupError != null ? ErrorKind.of(groupError) : ErrorKind.RATE_LIMIT);
  }

  private void groupSpent(ErrorKind kind) {
    if (fallbacks == null) {
      fallbacks = FallbackPlan.groupsFor(router.options(), request, target.name(), kind);
    }
    int max = router.options().maxFallbacks();
    while (nextFallback < fallbacks.size() && fallbacksTried < max) {
      RouteTarget next = router.fallbackTarget(fallbacks.get(nextFallback++), request.model());
      if (next != null) {
        fallbacksTried++;
        trace.fellBack();
        enter(next, true);
        return;
      }
    }
    finishWithError();
  }

  private void finishWithError() {
    Throwable error = lastAttemptError != null ? lastAttemptError : lastSelectError;
    result.completeExceptionally(error != null ? error
        : new IllegalStateException("no attempt was made for model=" + request.model()));
  }

  private void failAtDeadline() {
    result.completeExceptionally(new TimeoutException("Request timed out: the deadline of "
        + deadlineLength.toMillis() + " ms for all attempts of model=" + request.model() + " has passed"
        + (attempts == 0 ? "" : " after " + attempts + " attempt" + (attempts == 1 ? "" : "s"))
        + (lastAttemptError == null ? "" : "; last error: " + lastAttemptError.getMessage()),
        null, request.model(), lastAttemptError));
  }

  /**
   * The attempt's timeout: for a stream the time to its first chunk (the request's {@code stream_timeout}, the
   * deployment's, the router's, else the non-stream value); otherwise the deployment's timeout, else the request's or
   * the router's; in both cases no longer than what is left of the deadline. Null: the caller's default.
   */
  private Duration attemptTimeout(Deployment d) {
    DeploymentRouting routing = d.routing();
    RouterOptions options = router.options();
    Duration t = routing.timeout() != null ? routing.timeout()
        : request.timeout() != null ? request.timeout() : options.timeout();
    if (request.stream()) {
      Duration s = request.streamTimeout() != null ? request.streamTimeout()
          : routing.streamTimeout() != null ? routing.streamTimeout() : options.streamTimeout();
      if (s != null) {
        t = s;
      }
    }
    if (deadline != Long.MAX_VALUE) {
      Duration left = Duration.ofMillis(Math.max(0, deadline - router.now()));
      t = t == null || left.compareTo(t) < 0 ? left : t;
    }
    return t;
  }
}
