package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.Map;

/**
 * The request messages and the response of a call, as JSON text for {@code tg_spend_logs.messages} and
 * {@code response}, kept only when {@code general_settings.store_prompts_in_spend_logs} is {@code true}. Bounded: a
 * string longer than {@value #MAX_STRING_CHARS} characters keeps its head and tail around a marker (as LiteLLM's
 * {@code MAX_STRING_LENGTH_PROMPT_IN_DB} truncation), and a column longer than {@value #MAX_COLUMN_CHARS} characters
 * after that is stored as {@code {"litellm_truncated": true, "original_chars": n, "head": "..."}}.
 */
public final class PromptCapture {
  /** Longest string kept whole inside the stored JSON. */
  public static final int MAX_STRING_CHARS = 10_000;
  /** Longest stored column. */
  public static final int MAX_COLUMN_CHARS = 100_000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PromptCapture() {}

  /** The request's {@code messages}, bounded; {@code "{}"} when absent. */
  public static String messages(JsonNode messages) {
    return messages == null || messages.isNull() ? "{}" : bounded(messages.deepCopy());
  }

  /** A non-streamed reply body (OpenAI JSON), bounded; kept as a JSON string when it is not JSON. */
  public static String response(byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (Exception e) {
      tree = NODES.textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
    return tree == null ? "{}" : bounded(tree);
  }

  /**
   * A streamed reply, assembled as one {@code chat.completion}: the relayed text (content, refusal, tool-call names and
   * arguments, in order) as the assistant message's content.
   */
  public static String streamed(String model, String text) {
    ObjectNode out = Json.object();
    out.put("object", "chat.completion");
    if (model != null) {
      out.put("model", model);
    }
    ArrayNode choices = out.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text);
    return bounded(out);
  }

  static String bounded(JsonNode tree) {
    JsonNode shortened = shorten(tree);
    String text = Json.writeString(shortened);
    if (text.length() <= MAX_COLUMN_CHARS) {
      return text;
    }
    ObjectNode cut = Json.object();
    cut.put("litellm_truncated", true);
    cut.put("original_chars", text.length());
    cut.put("head", text.substring(0, MAX_COLUMN_CHARS - 200));
    return Json.writeString(cut);
  }

  private static JsonNode shorten(JsonNode node) {
    if (node.isTextual()) {
      String s = node.asText();
      if (s.length() <= MAX_STRING_CHARS) {
        return node;
      }
      int head = MAX_STRING_CHARS * 35 / 100;
      int tail = MAX_STRING_CHARS - head;
      return NODES.textNode(s.substring(0, head) + "... (litellm_truncated " + (s.length() - MAX_STRING_CHARS)
          + " chars) ..." + s.substring(s.length() - tail));
    }
    if (node instanceof ObjectNode o) {
      for (String field : new java.util.ArrayList<>(o.properties().stream().map(Map.Entry::getKey).toList())) {
        o.set(field, shorten(o.get(field)));
      }
      return o;
    }
    if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, shorten(a.get(i)));
      }
      return a;
    }
    return node;
  }
}
