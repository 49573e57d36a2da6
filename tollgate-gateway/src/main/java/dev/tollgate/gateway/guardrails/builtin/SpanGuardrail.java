package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.StreamMasking;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A guardrail built from a {@link SpanDetector}: blocks when any found entity's action is {@link EntityAction#BLOCK},
 * else replaces every found span (the earliest-starting, longest one where spans overlap) with its entity's
 * replacement. Texts with nothing found cost one scan and no allocation beyond the detector's own.
 *
 * <p>In a stream it never masks when every entity it looks for blocks; it masks within a window
 * ({@link SpanWindowMask}) when its detector has a bounded {@link SpanDetector#reach()}, else on the whole text.
 */
public final class SpanGuardrail implements Guardrail {
  private static final Comparator<Span> ORDER =
      Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed());
  private final SpanDetector detector;
  private final Map<String, EntityAction> actions;
  private final EntityAction fallback;
  private final Function<String, String> replacement;
  private final StreamMasking streamMasking;

  /**
   * @param actions the action per entity type; types not listed use {@code fallback}
   * @param replacement the text that replaces a masked span of an entity type
   */
  public SpanGuardrail(SpanDetector detector, Map<String, EntityAction> actions, EntityAction fallback,
      Function<String, String> replacement) {
    this.detector = detector;
    this.actions = Map.copyOf(actions);
    this.fallback = fallback;
    this.replacement = replacement;
    int reach = detector.reach();
    this.streamMasking = !mayMask() ? StreamMasking.NEVER : reach == SpanDetector.UNBOUNDED ? StreamMasking.WHOLE_TEXT
        : new StreamMasking.Windowed(reach, () -> new SpanWindowMask(this, reach));
  }

  @Override
  public Verdict check(List<String> texts) {
    List<List<Span>> found = null;
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isEmpty()) {
        continue;
      }
      List<Span> spans = new ArrayList<>(0);
      detector.find(text, spans);
      if (!spans.isEmpty()) {
        if (found == null) {
          found = new ArrayList<>(texts.size());
          for (int j = 0; j < texts.size(); j++) {
            found.add(List.of());
          }
        }
        found.set(i, spans);
      }
    }
    if (found == null) {
      return Verdict.PASS;
    }
    Set<String> entities = new LinkedHashSet<>();
    boolean block = false;
    for (List<Span> spans : found) {
      for (Span s : spans) {
        entities.add(s.entity());
        block |= actions.getOrDefault(s.entity(), fallback) == EntityAction.BLOCK;
      }
    }
    if (block) {
      return new Verdict.Blocked(new ArrayList<>(entities));
    }
    List<String> masked = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      masked.add(found.get(i).isEmpty() ? texts.get(i) : mask(texts.get(i), found.get(i)));
    }
    return new Verdict.Masked(masked, new ArrayList<>(entities));
  }

  @Override
  public StreamMasking streamMasking() {
    return streamMasking;
  }

  /** True unless every entity the detector may report blocks. */
  private boolean mayMask() {
    Set<String> entities = detector.entities();
    if (entities == null) {
      return true;
    }
    for (String e : entities) {
      if (action(e) == EntityAction.MASK) {
        return true;
      }
    }
    return false;
  }

  /** The detector's raw findings in {@code text} (overlaps not resolved). */
  void find(String text, List<Span> out) {
    detector.find(text, out);
  }

  EntityAction action(String entity) {
    return actions.getOrDefault(entity, fallback);
  }

  String replacement(String entity) {
    return replacement.apply(entity);
  }

  /** The spans found in {@code text}, overlaps resolved, in order. */
  public List<Span> spans(String text) {
    List<Span> spans = new ArrayList<>();
    detector.find(text, spans);
    return resolve(spans);
  }

  private String mask(String text, List<Span> spans) {
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Span s : resolve(spans)) {
      out.append(text, at, s.start()).append(replacement.apply(s.entity()));
      at = s.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /** {@code spans} without overlaps (the earliest-starting, longest one wins), in order; sorts {@code spans}. */
  static List<Span> resolve(List<Span> spans) {
    spans.sort(ORDER);
    List<Span> kept = new ArrayList<>(spans.size());
    int end = -1;
    for (Span s : spans) {
      if (s.start() >= end) {
        kept.add(s);
        end = s.end();
      }
    }
    return kept;
  }
}
