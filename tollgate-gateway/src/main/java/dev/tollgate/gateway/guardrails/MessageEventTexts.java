package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.List;

/**
 * The texts of Anthropic's stream events: a {@code content_block_delta} whose delta is a {@code text_delta} is a
 * piece of the slot of its block {@code index}; {@code content_block_stop} ends that slot. Thinking, tool input
 * ({@code input_json_delta}) and the message events are left alone. A delta whose text is now empty is dropped; a text
 * delta made up ({@link #textFrame}) is a plain {@code content_block_delta} of the block.
 */
final class MessageEventTexts implements StreamTextFormat {
  private static final String DELTA = "content_block_delta";

  @Override
  public TextFrame read(byte[] frame) {
    StreamTextFormat.Event event = StreamTextFormat.event(frame);
    if (event == null) {
      return TextFrame.plain(frame);
    }
    ObjectNode data = event.data();
    String type = event.name() != null ? event.name() : data.path("type").asText("");
    int slot = data.path("index").asInt(0);
    if (type.equals(DELTA) && data.get("delta") instanceof ObjectNode delta
        && "text_delta".equals(delta.path("type").asText()) && delta.path("text").isTextual()) {
      return new TextFrame(frame, event.name(), data,
          List.of(new TextFrame.Piece(slot, delta.get("text").asText(), delta, "text", data)), new int[0]);
    }
    if (type.equals("content_block_stop")) {
      return new TextFrame(frame, event.name(), data, List.of(), new int[] {slot});
    }
    return TextFrame.plain(frame);
  }

  /** A text delta carries only its text; a block stop is not text. */
  @Override
  public boolean onlyText(TextFrame frame) {
    return !frame.pieces().isEmpty();
  }

  @Override
  public byte[] write(TextFrame frame, String[] texts) {
    TextFrame.Piece piece = frame.pieces().get(0);
    if (texts[0].isEmpty()) {
      return null;
    }
    piece.holder().put(piece.field(), texts[0]);
    return StreamTextFormat.frame(frame.event(), frame.data());
  }

  @Override
  public byte[] textFrame(TextFrame template, int slot, String text) {
    ObjectNode event = Json.object().put("type", DELTA).put("index", slot);
    event.putObject("delta").put("type", "text_delta").put("text", text);
    return StreamTextFormat.frame(DELTA, event);
  }
}
