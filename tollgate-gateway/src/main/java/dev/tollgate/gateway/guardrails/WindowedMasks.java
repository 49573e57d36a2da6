package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Masks a stream as it flows ({@link StreamMaskPlan.Kind#WINDOWED}): each text (slot) runs through one
 * {@link TextMask} per windowed guardrail, in reverse config order (each sees the one before's masked text). A frame's
 * text is replaced by what the masks hand out for it (often nothing yet: the frame is then dropped, or sent without
 * its text when it carries more); when a slot ends (a finish reason, a block stop) the rest of its text is sent
 * before the frame that ends it (or in it, when that frame carries text too); the slots still open when the upstream
 * completes are flushed by {@link #release}, which also records each guardrail's run. A block cuts the stream.
 */
final class WindowedMasks implements StreamMasks {
  private final StreamTextFormat format;
  private final StreamGuardrails guards;
  private final List<ConfiguredGuardrail> order;
  private final long[] nanos;
  private final Map<Integer, Slot> open = new LinkedHashMap<>();
  private final List<Slot> all = new ArrayList<>();

  /** One text's masks, and its last text frame (the shape of a text frame made up for it). */
  private static final class Slot {
    final TextMask[] masks;
    TextFrame template;

    Slot(TextMask[] masks) {
      this.masks = masks;
    }
  }

  WindowedMasks(StreamTextFormat format, StreamGuardrails guards) {
    this.format = format;
    this.guards = guards;
    this.order = guards.plan().windowed();
    this.nanos = new long[order.size()];
  }

  @Override
  public List<byte[]> rewrite(List<byte[]> frames) {
    List<byte[]> out = new ArrayList<>(frames.size());
    for (byte[] frame : frames) {
      for (byte[] event : StreamTextFormat.events(frame)) {
        rewrite(event, out);
      }
    }
    return out;
  }

  private void rewrite(byte[] frame, List<byte[]> out) {
    TextFrame f = format.read(frame);
    if (f.plain()) {
      out.add(frame);
      return;
    }
    String[] texts = new String[f.pieces().size()];
    boolean changed = false;
    for (int i = 0; i < texts.length; i++) {
      TextFrame.Piece piece = f.pieces().get(i);
      Slot slot = open.computeIfAbsent(piece.slot(), k -> opened());
      slot.template = f;
      texts[i] = push(slot, piece.text());
      changed |= !texts[i].equals(piece.text());
    }
    for (int end : f.ends()) {
      Slot slot = open.remove(end);
      String rest = slot == null ? "" : finish(slot);
      if (rest.isEmpty()) {
        continue;
      }
      int at = f.pieceOf(end);
      if (at >= 0) {
        texts[at] = texts[at] + rest;
        changed = true;
      } else {
        out.add(format.textFrame(slot.template, end, rest));
      }
    }
    if (!changed) {
      out.add(frame);
      return;
    }
    byte[] written = format.write(f, texts);
    if (written != null) {
      out.add(written);
    }
  }

  @Override
  public Future<List<byte[]>> release() {
    List<byte[]> out = new ArrayList<>();
    for (Map.Entry<Integer, Slot> e : open.entrySet()) {
      String rest = finish(e.getValue());
      if (!rest.isEmpty()) {
        out.add(format.textFrame(e.getValue().template, e.getKey(), rest));
      }
    }
    open.clear();
    for (int i = 0; i < order.size(); i++) {
      Set<String> masked = new LinkedHashSet<>();
      for (Slot slot : all) {
        masked.addAll(slot.masks[i].masked());
      }
      guards.masked(order.get(i), masked, nanos[i]);
    }
    return Future.succeededFuture(out);
  }

  private Slot opened() {
    TextMask[] masks = new TextMask[order.size()];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = StreamMaskPlan.window(order.get(i)).masks().get();
    }
    Slot slot = new Slot(masks);
    all.add(slot);
    return slot;
  }

  private String push(Slot slot, String text) {
    String t = text;
    for (int i = 0; i < slot.masks.length && !t.isEmpty(); i++) {
      long start = System.nanoTime();
      t = slot.masks[i].push(t);
      nanos[i] += System.nanoTime() - start;
      cutIfBlocked(slot, i);
    }
    return t;
  }

  /** The slot's text is complete: the rest of it through every mask, in order. */
  private String finish(Slot slot) {
    String carried = "";
    for (int i = 0; i < slot.masks.length; i++) {
      long start = System.nanoTime();
      carried = slot.masks[i].push(carried) + slot.masks[i].finish();
      nanos[i] += System.nanoTime() - start;
      cutIfBlocked(slot, i);
    }
    return carried;
  }

  private void cutIfBlocked(Slot slot, int i) {
    Verdict.Blocked blocked = slot.masks[i].blocked();
    if (blocked != null) {
      throw guards.maskBlocked(order.get(i), blocked, nanos[i]);
    }
  }
}
