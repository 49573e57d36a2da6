package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The texts of OpenAI's {@code chat.completion.chunk} events: each choice's {@code delta.content} is a piece of the
 * slot of its {@code index}; a choice with a {@code finish_reason} ends its slot. A rewritten choice loses its
 * {@code logprobs} (they would spell out the text it replaced); a chunk whose only content was text, all now empty,
 * is dropped. A text chunk made up ({@link #textFrame}) copies the template's envelope ({@code id}, {@code object},
 * {@code created}, {@code model}, ...) without its usage.
 */
final class ChunkTexts implements StreamTextFormat {
  @Override
  public TextFrame read(byte[] frame) {
    StreamTextFormat.Event event = StreamTextFormat.event(frame);
    if (event == null || !(event.data().get("choices") instanceof ArrayNode choices)) {
      return TextFrame.plain(frame);
    }
    List<TextFrame.Piece> pieces = new ArrayList<>(1);
    int[] ends = new int[0];
    for (int i = 0; i < choices.size(); i++) {
      if (!(choices.get(i) instanceof ObjectNode choice)) {
        continue;
      }
      int slot = choice.path("index").isInt() ? choice.get("index").asInt() : i;
      if (choice.get("delta") instanceof ObjectNode delta && delta.path("content").isTextual()) {
        pieces.add(new TextFrame.Piece(slot, delta.get("content").asText(), delta, "content", choice));
      }
      if (choice.path("finish_reason").isTextual()) {
        ends = java.util.Arrays.copyOf(ends, ends.length + 1);
        ends[ends.length - 1] = slot;
      }
    }
    return pieces.isEmpty() && ends.length == 0 ? TextFrame.plain(frame)
        : new TextFrame(frame, event.name(), event.data(), pieces, ends);
  }

  @Override
  public byte[] write(TextFrame frame, String[] texts) {
    boolean empty = true;
    for (int i = 0; i < texts.length; i++) {
      TextFrame.Piece piece = frame.pieces().get(i);
      if (!texts[i].equals(piece.text())) {
        piece.holder().put(piece.field(), texts[i]);
        if (piece.owner().hasNonNull("logprobs")) {
          piece.owner().putNull("logprobs");
        }
      }
      empty &= texts[i].isEmpty();
    }
    return empty && onlyText(frame) ? null : StreamTextFormat.frame(frame.event(), frame.data());
  }

  /**
   * True when the chunk carries nothing but its choices' content (and their logprobs): no usage, no finish reason, no
   * role, no tool calls.
   */
  @Override
  public boolean onlyText(TextFrame frame) {
    ObjectNode chunk = frame.data();
    if (chunk == null || chunk.hasNonNull("usage")) {
      return false;
    }
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.hasNonNull("finish_reason")) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : choice.path("delta").properties()) {
        if (!field.getKey().equals("content") && !field.getValue().isNull()) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public byte[] textFrame(TextFrame template, int slot, String text) {
    ObjectNode chunk = Json.object();
    template.data().properties().forEach(e -> {
      if (!e.getKey().equals("choices") && !e.getKey().equals("usage")) {
        chunk.set(e.getKey(), e.getValue());
      }
    });
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", slot);
    choice.putObject("delta").put("content", text);
    choice.putNull("finish_reason");
    return StreamTextFormat.frame(template.event(), chunk);
  }
}
