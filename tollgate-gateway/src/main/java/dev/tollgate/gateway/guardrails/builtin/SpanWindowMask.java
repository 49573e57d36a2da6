package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.gateway.guardrails.TextMask;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link SpanGuardrail}'s masks on one streamed text, with a window of {@code reach} characters (its detector's
 * {@link SpanDetector#reach()}). The text not yet handed out is kept, after up to {@code reach} characters already
 * handed out (their context). When more than {@code reach} characters are pending, the detector runs on what is kept
 * and the text up to {@code reach} characters before the end is handed out masked: no span there can change, since
 * a span is shorter than {@code reach} and decided by the {@code reach} characters around it, all of which are kept.
 * The cut is moved back to the start of any span it would split, so every span is masked whole, once; a span of an
 * entity that blocks sets {@link #blocked()} instead. {@link #finish} hands out the rest.
 *
 * <p>So the streamed result is the whole-text result, while the client gets the text at most {@code reach} characters
 * (plus one stream chunk) later than without the mask. Each scan covers at most {@code 2 * reach} characters plus the
 * new piece.
 */
final class SpanWindowMask implements TextMask {
  private final SpanGuardrail guardrail;
  private final int reach;
  private final StringBuilder kept = new StringBuilder();
  private final List<Span> found = new ArrayList<>();
  private final Set<String> masked = new LinkedHashSet<>();
  /** Where the text not yet handed out starts in {@link #kept}; before it, context already handed out. */
  private int pending;
  private Verdict.Blocked blocked;

  SpanWindowMask(SpanGuardrail guardrail, int reach) {
    this.guardrail = guardrail;
    this.reach = reach;
  }

  @Override
  public String push(String piece) {
    if (blocked != null || piece.isEmpty()) {
      return "";
    }
    kept.append(piece);
    long settled = (long) kept.length() - reach;
    return settled > pending ? handOut((int) settled) : "";
  }

  @Override
  public String finish() {
    return blocked != null || kept.length() == pending ? "" : handOut(kept.length());
  }

  @Override
  public Verdict.Blocked blocked() {
    return blocked;
  }

  @Override
  public Set<String> masked() {
    return masked;
  }

  /** Hands out the pending text before {@code upTo} (moved back out of any span it would split), masked. */
  private String handOut(int upTo) {
    String text = kept.toString();
    found.clear();
    guardrail.find(text, found);
    int cut = upTo;
    for (boolean moved = true; moved; ) {
      moved = false;
      for (Span s : found) {
        if (s.start() >= pending && s.start() < cut && s.end() > cut) {
          cut = s.start();
          moved = true;
        }
      }
    }
    if (cut <= pending) {
      return "";
    }
    List<Span> inside = new ArrayList<>();
    Set<String> blocking = null;
    for (Span s : found) {
      if (s.start() >= pending && s.start() < cut) {
        inside.add(s);
        if (guardrail.action(s.entity()) == EntityAction.BLOCK) {
          blocking = blocking == null ? new LinkedHashSet<>() : blocking;
          blocking.add(s.entity());
        }
      }
    }
    if (blocking != null) {
      blocked = new Verdict.Blocked(new ArrayList<>(blocking));
      return "";
    }
    StringBuilder out = new StringBuilder(cut - pending);
    int at = pending;
    for (Span s : SpanGuardrail.resolve(inside)) {
      out.append(text, at, s.start()).append(guardrail.replacement(s.entity()));
      masked.add(s.entity());
      at = s.end();
    }
    out.append(text, at, cut);
    int keepFrom = Math.max(0, cut - reach);
    kept.delete(0, keepFrom);
    pending = cut - keepFrom;
    return out.toString();
  }
}
