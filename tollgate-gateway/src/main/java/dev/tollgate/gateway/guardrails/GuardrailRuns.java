package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.util.List;

/**
 * How one request's guardrails run, recorded in its {@link RunLog}: a built-in in place ({@link #apply},
 * {@link #logOnly}), a remote one through {@link RemoteRun}, and an ordered mix of both ({@link #chain}) in which
 * each sees the masks of those before it. Static, so the synchronous path allocates nothing for it.
 */
final class GuardrailRuns {
  private GuardrailRuns() {}

  /**
   * Runs the guardrails of {@code order} that run in {@code mode} on {@code texts}: built-in ones in place, remote
   * ones awaited. {@code enforce}: a block fails the chain with its 400 and a remote failure may refuse (else,
   * logging-only, nothing refuses). Completes with whether anything masked.
   */
  static Future<Boolean> chain(RunLog log, CallFacts facts, GuardrailServices services,
      List<ConfiguredGuardrail> order, GuardrailMode mode, MessageTexts texts, boolean enforce) {
    return chain(log, facts, services, order, mode, texts, enforce, 0, false);
  }

  private static Future<Boolean> chain(RunLog log, CallFacts facts, GuardrailServices services,
      List<ConfiguredGuardrail> order, GuardrailMode mode, MessageTexts texts, boolean enforce, int from,
      boolean maskedSoFar) {
    boolean masked = maskedSoFar;
    for (int i = from; i < order.size(); i++) {
      ConfiguredGuardrail g = order.get(i);
      if (!g.runs(mode)) {
        continue;
      }
      if (!g.isRemote()) {
        try {
          masked |= enforce ? apply(log, g, mode, texts) : logOnly(log, g, texts);
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
        continue;
      }
      int next = i + 1;
      boolean before = masked;
      return RemoteRun.run(g, mode, texts.texts(), facts, services, log, enforce, true).compose(v -> switch (v) {
        case Verdict.Blocked b -> Future.failedFuture(GuardrailBlocked.error(g.name(), mode, b));
        case Verdict.Masked m -> {
          texts.write(m.texts());
          yield chain(log, facts, services, order, mode, texts, enforce, next, true);
        }
        case Verdict.Pass p -> chain(log, facts, services, order, mode, texts, enforce, next, before);
      });
    }
    return Future.succeededFuture(masked);
  }

  /** Runs built-in {@code g}; writes a mask back; throws the 400 on a block; returns true when it masked. */
  static boolean apply(RunLog log, ConfiguredGuardrail g, GuardrailMode mode, MessageTexts texts) {
    long start = System.nanoTime();
    Verdict v = g.check().check(texts.texts());
    log.ran(g, mode, v, start);
    switch (v) {
      case Verdict.Blocked b -> throw GuardrailBlocked.error(g.name(), mode, b);
      case Verdict.Masked m -> {
        texts.write(m.texts());
        return true;
      }
      case Verdict.Pass p -> {
        return false;
      }
    }
  }

  /** A logging-only run of built-in {@code g}: a mask is written back; a block only records the run (as passed). */
  static boolean logOnly(RunLog log, ConfiguredGuardrail g, MessageTexts texts) {
    long start = System.nanoTime();
    Verdict v = g.check().check(texts.texts());
    log.ran(g, GuardrailMode.LOGGING_ONLY, v instanceof Verdict.Blocked ? Verdict.PASS : v, start);
    if (v instanceof Verdict.Masked m) {
      texts.write(m.texts());
      return true;
    }
    return false;
  }
}
