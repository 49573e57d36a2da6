package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One relayed stream frame (one SSE event) as a {@link StreamTextFormat} reads it for the answer's texts: the text
 * pieces it carries, each for a slot (an OpenAI choice index, an Anthropic content block index), and the slots whose
 * text ends with it (a choice's finish reason, a block's stop). A frame with neither is {@link #plain()} and passes
 * unchanged.
 *
 * @param event the SSE {@code event:} name, or null
 * @param data the event's JSON (edited in place when the frame is rewritten), or null when the frame is not read
 */
record TextFrame(byte[] bytes, String event, ObjectNode data, List<Piece> pieces, int[] ends) {
  private static final int[] NONE = new int[0];

  /** A frame the masks pass as it is. */
  static TextFrame plain(byte[] bytes) {
    return new TextFrame(bytes, null, null, List.of(), NONE);
  }

  boolean plain() {
    return pieces.isEmpty() && ends.length == 0;
  }

  /** The index of the piece for {@code slot}, or -1. */
  int pieceOf(int slot) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).slot() == slot) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One text piece.
   *
   * @param holder the object whose {@code field} holds the text (where a rewrite writes)
   * @param owner the object the piece belongs to (an OpenAI choice: its {@code logprobs} go when its text changes)
   */
  record Piece(int slot, String text, ObjectNode holder, String field, ObjectNode owner) {}
}
