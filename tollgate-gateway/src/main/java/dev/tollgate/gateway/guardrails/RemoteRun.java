package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * Runs one {@link AsyncGuardrail} for a request: bounded by its timeout (an answer after it is ignored), recorded
 * ({@link RunLog}: verdict, or error / timeout with what the guardrail noted), and with its {@link FailurePolicy}
 * applied. The future holds the verdict; a failure that fails open holds {@link Verdict#PASS}; one that fails closed
 * fails with the {@link GuardrailUnavailable} 503. Where a mode may not block (logging-only), a block and a failure
 * both pass; where it may not mask (during-call, streams), a mask passes. A mask must hold one text per input text,
 * else the run failed.
 */
final class RemoteRun {
  private RemoteRun() {}

  static Future<Verdict> run(ConfiguredGuardrail g, GuardrailMode mode, List<String> texts, CallFacts facts,
      GuardrailServices services, RunLog log, boolean mayBlock, boolean mayMask) {
    long start = System.nanoTime();
    ObjectNode details = Json.object();
    AsyncGuardrail remote = g.remote();
    Future<Verdict> answer;
    if (services == null) {
      answer = Future.failedFuture(GuardrailFailure.error("no HTTP client or router is wired for remote guardrails"));
    } else {
      answer = bounded(remote, List.copyOf(texts), new GuardrailCall(g.name(), mode, facts, services, details),
          services);
    }
    int sent = texts.size();
    return answer.transform(done -> {
      Verdict v = done.succeeded() ? done.result() : null;
      if (v instanceof Verdict.Masked m && m.texts().size() != sent) {
        v = null;
      }
      if (v != null) {
        Verdict kept = (!mayBlock && v instanceof Verdict.Blocked) || (!mayMask && v instanceof Verdict.Masked)
            ? Verdict.PASS : v;
        log.ranRemote(g, mode, kept, start, details);
        return Future.succeededFuture(kept);
      }
      GuardrailFailure failure = done.failed() ? GuardrailFailure.of(done.cause())
          : done.result() == null ? GuardrailFailure.error("the guardrail gave no verdict")
              : GuardrailFailure.error("the guardrail answered " + ((Verdict.Masked) done.result()).texts().size()
                  + " texts for the " + sent + " it was sent");
      boolean passes = !mayBlock || remote.failures().passes(failure);
      log.failed(g, mode, failure, passes, start, details);
      return passes ? Future.succeededFuture(Verdict.PASS)
          : Future.failedFuture(GuardrailUnavailable.error(g.name(), mode, failure));
    });
  }

  private static Future<Verdict> bounded(AsyncGuardrail remote, List<String> texts, GuardrailCall call,
      GuardrailServices services) {
    Promise<Verdict> verdict = Promise.promise();
    long millis = Math.max(1, remote.timeout().toMillis());
    long timer = services.vertx().setTimer(millis, id -> verdict.tryFail(
        GuardrailFailure.timeout("no verdict within " + millis + " ms")));
    Future<Verdict> checked;
    try {
      checked = remote.check(texts, call);
    } catch (RuntimeException e) {
      checked = Future.failedFuture(e);
    }
    checked.onComplete(done -> {
      services.vertx().cancelTimer(timer);
      if (done.succeeded()) {
        verdict.tryComplete(done.result());
      } else {
        verdict.tryFail(done.cause());
      }
    });
    return verdict.future();
  }
}
