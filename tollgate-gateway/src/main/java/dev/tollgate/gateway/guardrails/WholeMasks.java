package dev.tollgate.gateway.guardrails;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a whole stream ({@link StreamMaskPlan.Kind#WHOLE}) and checks it at its end like a whole reply: nothing reaches
 * the client until the upstream is complete and {@link StreamGuardrails#whole} passed or masked its texts (one per
 * slot, in the order they began). Then the frames go out in their order, each slot's whole (masked) text in its first
 * text frame; later frames lose their text (a frame that carried only text is dropped). Role, tool-call, finish and
 * usage frames are sent as they came.
 *
 * <p>Held: the non-text frames and the first text frame of each slot as bytes, and the texts (up to
 * {@value #MAX_CHARS} characters, {@value #MAX_BYTES} bytes of frames); a longer answer is cut with a 503 rather than
 * sent unchecked.
 */
final class WholeMasks implements StreamMasks {
  static final int MAX_CHARS = 1_000_000;
  static final long MAX_BYTES = 32L * 1024 * 1024;
  private final StreamTextFormat format;
  private final StreamGuardrails guards;
  private final List<byte[]> held = new ArrayList<>();
  private final Map<Integer, StringBuilder> texts = new LinkedHashMap<>();
  private long chars;
  private long bytes;

  WholeMasks(StreamTextFormat format, StreamGuardrails guards) {
    this.format = format;
    this.guards = guards;
  }

  @Override
  public List<byte[]> rewrite(List<byte[]> frames) {
    for (byte[] frame : frames) {
      for (byte[] event : StreamTextFormat.events(frame)) {
        hold(event);
      }
    }
    return List.of();
  }

  private void hold(byte[] frame) {
    TextFrame f = format.read(frame);
    boolean firstOfSlot = false;
    for (TextFrame.Piece piece : f.pieces()) {
      StringBuilder text = texts.get(piece.slot());
      if (text == null) {
        texts.put(piece.slot(), new StringBuilder(piece.text()));
        firstOfSlot = true;
      } else {
        text.append(piece.text());
      }
      chars += piece.text().length();
    }
    if (firstOfSlot || f.pieces().isEmpty() || !format.onlyText(f)) {
      held.add(frame); // a frame that carried only text (and is not a slot's first) is rebuilt from the texts
      bytes += frame.length;
    }
    if (chars > MAX_CHARS || bytes > MAX_BYTES) {
      throw guards.tooLong(chars > MAX_CHARS ? MAX_CHARS + " characters" : MAX_BYTES + " bytes of frames");
    }
  }

  @Override
  public Future<List<byte[]>> release() {
    List<Integer> slots = new ArrayList<>(texts.keySet());
    List<String> whole = new ArrayList<>(slots.size());
    texts.values().forEach(t -> whole.add(t.toString()));
    return guards.whole(whole).map(masked -> {
      Map<Integer, String> bySlot = new LinkedHashMap<>();
      for (int i = 0; i < slots.size(); i++) {
        bySlot.put(slots.get(i), masked.get(i));
      }
      return replay(bySlot);
    });
  }

  private List<byte[]> replay(Map<Integer, String> bySlot) {
    List<byte[]> out = new ArrayList<>(held.size());
    Set<Integer> placed = new HashSet<>();
    for (byte[] frame : held) {
      TextFrame f = format.read(frame);
      if (f.pieces().isEmpty()) {
        out.add(frame);
        continue;
      }
      String[] next = new String[f.pieces().size()];
      for (int i = 0; i < next.length; i++) {
        int slot = f.pieces().get(i).slot();
        next[i] = placed.add(slot) ? bySlot.get(slot) : "";
      }
      byte[] written = format.write(f, next);
      if (written != null) {
        out.add(written);
      }
    }
    return out;
  }
}
