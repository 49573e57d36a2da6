package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the answer's texts sit in a relayed stream's frames, so a mask can read and rewrite them without touching
 * anything else: OpenAI's {@code chat.completion.chunk} events ({@link #OPENAI}: {@code choices[].delta.content}) and
 * Anthropic's events ({@link #MESSAGES}: {@code text_delta} in {@code content_block_delta}). Tool calls (arguments
 * and names), thinking, refusals, usage and every other field are left as they are.
 */
interface StreamTextFormat {
  /** The frame read for its texts ({@link TextFrame#plain} when it has none: it then passes unchanged). */
  TextFrame read(byte[] frame);

  /**
   * The frame with its pieces' texts replaced by {@code texts} (one per piece, in order), or null when every new text
   * is empty and the frame carries nothing else (it is then dropped).
   */
  byte[] write(TextFrame frame, String[] texts);

  /** True when the frame carries nothing but its texts (it can be dropped once they are empty). */
  boolean onlyText(TextFrame frame);

  /** A frame carrying only {@code text} for {@code slot}, shaped like {@code template} (a text frame of that slot). */
  byte[] textFrame(TextFrame template, int slot, String text);

  StreamTextFormat OPENAI = new ChunkTexts();
  StreamTextFormat MESSAGES = new MessageEventTexts();

  /**
   * {@code frame} as single events: the relays write one event per frame, but a frame holding several is split, so
   * that no text can pass unread.
   */
  static List<byte[]> events(byte[] frame) {
    int end = frame.length;
    while (end > 0 && frame[end - 1] == '\n') {
      end--;
    }
    int first = -1;
    for (int i = 0; i + 1 < end; i++) {
      if (frame[i] == '\n' && frame[i + 1] == '\n') {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return List.of(frame);
    }
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i + 1 < frame.length; i++) {
      if (frame[i] == '\n' && frame[i + 1] == '\n') {
        int to = i + 2;
        while (to < frame.length && frame[to] == '\n') {
          to++;
        }
        if (i > from) {
          out.add(Arrays.copyOfRange(frame, from, i + 2));
        }
        from = to;
        i = to - 1;
      }
    }
    if (from < frame.length) {
      out.add(Arrays.copyOfRange(frame, from, frame.length));
    }
    return out;
  }

  /** The event's {@code event:} name and JSON {@code data}, or null when the frame is not a JSON event. */
  static Event event(byte[] frame) {
    String text = new String(frame, StandardCharsets.UTF_8);
    String event = null;
    StringBuilder data = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String value = line.substring(5);
        value = value.startsWith(" ") ? value.substring(1) : value;
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    if (data == null) {
      return null;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(data.toString());
      return json instanceof ObjectNode o ? new Event(event, o) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** {@code event: <name>\ndata: <json>\n\n} (no event line when {@code event} is null). */
  static byte[] frame(String event, ObjectNode data) {
    String head = event == null ? "" : "event: " + event + "\n";
    return (head + "data: " + Json.writeString(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  /** One SSE event: its name (or null) and its JSON data. */
  record Event(String name, ObjectNode data) {}
}
