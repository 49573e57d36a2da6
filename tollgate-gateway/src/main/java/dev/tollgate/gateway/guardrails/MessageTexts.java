package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text slots of a JSON request or reply, in order, so a guardrail can read them and a mask can be written back:
 * request {@code messages[].content} (a string, or the {@code text} of its {@code type: text} parts; the same shape in
 * OpenAI's and Anthropic's formats) plus Anthropic's {@code system}; reply {@code choices[].message.content} (OpenAI)
 * or {@code content[].text} (Anthropic); every string of a stored prompt or response (logging-only guardrails); an
 * embeddings request's {@code input} strings; or plain texts held elsewhere (a stream's, {@link #of}).
 */
public final class MessageTexts {
  /** The node each text sits in (an object's field, or an array's item), or null for a plain text. */
  private final List<JsonNode> parents = new ArrayList<>();
  /** The field of each text in its object, or its index (in decimal) in its array. */
  private final List<String> fields = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  private MessageTexts() {}

  /** The request's message texts (and Anthropic's {@code system}). */
  public static MessageTexts ofRequest(ObjectNode body) {
    MessageTexts t = new MessageTexts();
    t.content(body, "system");
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode m : messages) {
        if (m instanceof ObjectNode o) {
          t.content(o, "content");
        }
      }
    }
    return t;
  }

  /**
   * An embeddings request's texts: {@code input} as a string, or its string items. Token arrays (a list of numbers,
   * or a list of such lists) are not texts and are left out.
   */
  public static MessageTexts ofEmbeddingInput(ObjectNode body) {
    MessageTexts t = new MessageTexts();
    JsonNode input = body.get("input");
    if (input != null && input.isTextual()) {
      t.add(body, "input", input.asText());
    } else if (input instanceof ArrayNode items) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).isTextual()) {
          t.parents.add(items);
          t.fields.add(Integer.toString(i));
          t.texts.add(items.get(i).asText());
        }
      }
    }
    return t;
  }

  /** Plain texts, not tied to any JSON: a mask only changes {@link #texts()}. */
  public static MessageTexts of(List<String> texts) {
    MessageTexts t = new MessageTexts();
    for (String text : texts) {
      t.parents.add(null);
      t.fields.add(null);
      t.texts.add(text);
    }
    return t;
  }

  /** A reply's texts: OpenAI's choices or Anthropic's content blocks. */
  public static MessageTexts ofReply(JsonNode reply) {
    MessageTexts t = new MessageTexts();
    JsonNode choices = reply.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        if (c.get("message") instanceof ObjectNode message) {
          t.content(message, "content");
        }
      }
    }
    if (reply.get("content") != null && reply.get("content").isArray()) {
      t.parts(reply.get("content"));
    }
    return t;
  }

  /** Every string value of {@code docs} (stored prompt and response JSON; null documents are skipped). */
  public static MessageTexts ofStored(JsonNode... docs) {
    MessageTexts t = new MessageTexts();
    for (JsonNode doc : docs) {
      t.strings(doc);
    }
    return t;
  }

  private void strings(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.properties().forEach(e -> {
        if (e.getValue().isTextual()) {
          add(o, e.getKey(), e.getValue().asText());
        } else {
          strings(e.getValue());
        }
      });
    } else if (node != null && node.isArray()) {
      node.forEach(this::strings);
    }
  }

  private void content(ObjectNode parent, String field) {
    JsonNode c = parent.get(field);
    if (c == null) {
      return;
    }
    if (c.isTextual()) {
      add(parent, field, c.asText());
    } else if (c.isArray()) {
      parts(c);
    }
  }

  private void parts(JsonNode array) {
    for (JsonNode part : array) {
      if (part instanceof ObjectNode p && "text".equals(p.path("type").asText()) && p.path("text").isTextual()) {
        add(p, "text", p.get("text").asText());
      }
    }
  }

  private void add(ObjectNode parent, String field, String text) {
    parents.add(parent);
    fields.add(field);
    texts.add(text);
  }

  public List<String> texts() {
    return texts;
  }

  /** Writes {@code masked} (one per text, same order) back into the tree. */
  public void write(List<String> masked) {
    for (int i = 0; i < parents.size(); i++) {
      String next = masked.get(i);
      if (!next.equals(texts.get(i))) {
        switch (parents.get(i)) {
          case ObjectNode o -> o.put(fields.get(i), next);
          case ArrayNode a -> a.set(Integer.parseInt(fields.get(i)), a.textNode(next));
          case null, default -> { }
        }
        texts.set(i, next);
      }
    }
  }
}
