package dev.tollgate.gateway.guardrails;

import dev.tollgate.gateway.http.ApiError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The post-call hooks of one request's stream ({@link GuardedStreamRelay}), recorded in its {@link RunLog} like
 * every run:
 *
 * <ul>
 *   <li>{@link #check}: the built-in post-call guardrails on the text so far, cutting the stream when one blocks;
 *   <li>{@link #end}: the remote ones that only block (a judge), once, on the whole text;
 *   <li>the masks ({@link #plan}): a windowed mask's run is recorded when its stream completes ({@link #masked}) or
 *       when it blocks ({@link #maskBlocked}); a stream held whole is checked by {@link #whole}, as a whole reply is.
 * </ul>
 */
final class StreamGuardrails {
  private final List<ConfiguredGuardrail> active;
  private final RunLog log;
  private final CallFacts facts;
  private final GuardrailServices services;
  private final StreamMaskPlan plan;

  StreamGuardrails(List<ConfiguredGuardrail> active, RunLog log, CallFacts facts, GuardrailServices services) {
    this.active = active;
    this.log = log;
    this.facts = facts;
    this.services = services;
    this.plan = StreamMaskPlan.of(active);
  }

  StreamMaskPlan plan() {
    return plan;
  }

  /**
   * Checks a stream's text so far with the built-in post-call guardrails (reverse config order); throws the 400 when
   * one blocks. A mask found here is not applied: the masks run on the text the client gets ({@link #plan}), and
   * record their own runs; {@code last}: the stream's final check, recording the runs of the guardrails that only
   * block (as passed: a block would have thrown).
   */
  void check(String textSoFar, boolean last) {
    for (int i = active.size() - 1; i >= 0; i--) {
      ConfiguredGuardrail g = active.get(i);
      if (g.runs(GuardrailMode.POST_CALL) && !g.isRemote()) {
        long start = System.nanoTime();
        Verdict v = g.check().check(List.of(textSoFar));
        if (v instanceof Verdict.Blocked b) {
          log.ran(g, GuardrailMode.POST_CALL, v, start);
          throw GuardrailBlocked.error(g.name(), GuardrailMode.POST_CALL, b);
        }
        if (last && !StreamMaskPlan.masks(g)) {
          log.ran(g, GuardrailMode.POST_CALL, Verdict.PASS, start);
        }
      }
    }
  }

  /**
   * The remote post-call guardrails on a stream's whole text, in reverse config order, once the upstream is done and
   * before the stream's final events go out; fails with the 400 (or a fail-closed 503) that cuts the stream. For
   * streams that flow ({@link StreamMaskPlan.Kind#NONE}, {@link StreamMaskPlan.Kind#WINDOWED}), whose remote
   * guardrails only block.
   */
  Future<Void> end(String wholeText) {
    List<ConfiguredGuardrail> order = new ArrayList<>();
    for (ConfiguredGuardrail g : active.reversed()) {
      if (g.isRemote() && g.runs(GuardrailMode.POST_CALL)) {
        order.add(g);
      }
    }
    return end(order, 0, List.of(wholeText));
  }

  private Future<Void> end(List<ConfiguredGuardrail> order, int from, List<String> text) {
    if (from >= order.size()) {
      return Future.succeededFuture();
    }
    ConfiguredGuardrail g = order.get(from);
    return RemoteRun.run(g, GuardrailMode.POST_CALL, text, facts, services, log, true, false).compose(v ->
        v instanceof Verdict.Blocked b
            ? Future.failedFuture(GuardrailBlocked.error(g.name(), GuardrailMode.POST_CALL, b))
            : end(order, from + 1, text));
  }

  /**
   * A stream held whole ({@link StreamMaskPlan.Kind#WHOLE}): its texts (one per choice or text block) through
   * {@link StreamMaskPlan#whole()} as through a whole reply's post-call run; completes with the texts to send (masked
   * where a guardrail masked), or fails with the 400 of a block or the 503 of a remote guardrail that fails closed.
   */
  Future<List<String>> whole(List<String> texts) {
    MessageTexts held = MessageTexts.of(texts);
    return GuardrailRuns.chain(log, facts, services, plan.whole(), GuardrailMode.POST_CALL, held, true)
        .map(masked -> List.copyOf(held.texts()));
  }

  /** Records a windowed mask's run over a whole stream: masked ({@code entities}) or passed; {@code nanos} spent. */
  void masked(ConfiguredGuardrail g, Set<String> entities, long nanos) {
    Verdict v = entities.isEmpty() ? Verdict.PASS : new Verdict.Masked(List.of(), List.copyOf(entities));
    log.ran(g, GuardrailMode.POST_CALL, v, System.nanoTime() - nanos);
  }

  /** Records a windowed mask's block; returns the 400 that cuts the stream. */
  ApiError maskBlocked(ConfiguredGuardrail g, Verdict.Blocked blocked, long nanos) {
    log.ran(g, GuardrailMode.POST_CALL, blocked, System.nanoTime() - nanos);
    return GuardrailBlocked.error(g.name(), GuardrailMode.POST_CALL, blocked);
  }

  /**
   * The 503 that cuts a stream held whole ({@link WholeMasks}) once it is longer than the gateway holds: sending the
   * rest unchecked would leak what a guardrail masks.
   */
  ApiError tooLong(String limit) {
    return new ApiError(503, GuardrailUnavailable.TYPE, "the streamed answer is longer than the " + limit
        + " the gateway holds to check it whole with its post-call guardrails that mask; it is cut rather than sent"
        + " unchecked", null);
  }

  /** True when a built-in guardrail runs post-call: the stream's text is checked as it flows. */
  boolean checksAsItFlows() {
    for (ConfiguredGuardrail g : active) {
      if (!g.isRemote() && g.runs(GuardrailMode.POST_CALL)) {
        return true;
      }
    }
    return false;
  }

  /** True when a remote guardrail runs post-call (its verdict is awaited at the stream's end). */
  boolean awaitsRemote() {
    for (ConfiguredGuardrail g : active) {
      if (g.isRemote() && g.runs(GuardrailMode.POST_CALL)) {
        return true;
      }
    }
    return false;
  }
}
