package dev.tollgate.gateway.guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * How a request's post-call guardrails mask its stream ({@link GuardedStreamRelay}), decided once per request from
 * their {@link StreamMasking}:
 *
 * <ul>
 *   <li>{@link Kind#NONE}: none of them masks; the stream flows, checked for blocks only (as before masking existed);
 *   <li>{@link Kind#WINDOWED}: every one that masks is a built-in with a window: the stream flows, each text held back
 *       by the sum of their windows, masked by {@link #windowed()} in reverse config order;
 *   <li>{@link Kind#WHOLE}: one that masks is remote, or a built-in without a window: the whole answer is held and
 *       checked at its end by {@link #whole()}, in reverse config order as a whole reply is.
 * </ul>
 */
record StreamMaskPlan(Kind kind, List<ConfiguredGuardrail> windowed, List<ConfiguredGuardrail> whole) {
  static final StreamMaskPlan NONE = new StreamMaskPlan(Kind.NONE, List.of(), List.of());

  enum Kind { NONE, WINDOWED, WHOLE }

  /** The plan for {@code active} (a request's guardrails, in config order). */
  static StreamMaskPlan of(List<ConfiguredGuardrail> active) {
    boolean masks = false;
    boolean whole = false;
    for (ConfiguredGuardrail g : active) {
      if (masks(g)) {
        masks = true;
        whole |= g.isRemote() || !(g.check().streamMasking() instanceof StreamMasking.Windowed);
      }
    }
    if (!masks) {
      return NONE;
    }
    List<ConfiguredGuardrail> order = new ArrayList<>();
    for (ConfiguredGuardrail g : active.reversed()) {
      if (masks(g) || (whole && g.isRemote() && g.runs(GuardrailMode.POST_CALL))) {
        order.add(g);
      }
    }
    return whole ? new StreamMaskPlan(Kind.WHOLE, List.of(), List.copyOf(order))
        : new StreamMaskPlan(Kind.WINDOWED, List.copyOf(order), List.of());
  }

  /** True when {@code g} runs post-call and may mask a stream. */
  static boolean masks(ConfiguredGuardrail g) {
    if (!g.runs(GuardrailMode.POST_CALL)) {
      return false;
    }
    return g.isRemote() ? g.remote().mayMask() : !(g.check().streamMasking() instanceof StreamMasking.Never);
  }

  /** The window of built-in {@code g} ({@link Kind#WINDOWED} plans only). */
  static StreamMasking.Windowed window(ConfiguredGuardrail g) {
    return (StreamMasking.Windowed) g.check().streamMasking();
  }
}
