package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Rebuilds the {@code chat.completion} a relayed OpenAI stream amounted to, from the frames the client was sent:
 * content, tool calls (id, name, arguments joined), finish reason per choice, and the stream's usage. Handed to
 * {@code done} only when the stream completed normally and every choice finished.
 */
final class StreamAssembly implements StreamTap {
  private final Consumer<ObjectNode> done;
  private final Map<Integer, ChoiceParts> choices = new TreeMap<>();
  private String id;
  private String model;
  private long created;
  private JsonNode usage;
  private boolean unreadable;

  private static final class ChoiceParts {
    String role = "assistant";
    final StringBuilder content = new StringBuilder();
    boolean sawContent;
    final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
    final Map<Integer, StringBuilder> arguments = new TreeMap<>();
    String finish;
  }

  StreamAssembly(Consumer<ObjectNode> done) {
    this.done = done;
  }

  @Override
  public void frame(byte[] frame) {
    if (unreadable) {
      return;
    }
    for (String line : new String(frame, StandardCharsets.UTF_8).split("\n")) {
      if (!line.startsWith("data:")) {
        continue;
      }
      String data = line.substring(5).trim();
      if (data.isEmpty() || data.equals("[DONE]")) {
        continue;
      }
      try {
        read(Json.tree(data.getBytes(StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        unreadable = true; // not an OpenAI chunk: nothing is stored
        return;
      }
    }
  }

  private void read(JsonNode chunk) {
    if (chunk.has("error")) {
      unreadable = true;
      return;
    }
    id = id == null ? chunk.path("id").asText(null) : id;
    model = model == null ? chunk.path("model").asText(null) : model;
    created = created == 0 ? chunk.path("created").asLong(0) : created;
    if (chunk.get("usage") instanceof ObjectNode u) {
      usage = u;
    }
    for (JsonNode c : chunk.path("choices")) {
      ChoiceParts parts = choices.computeIfAbsent(c.path("index").asInt(0), i -> new ChoiceParts());
      JsonNode delta = c.path("delta");
      if (delta.get("role") instanceof JsonNode r && r.isTextual()) {
        parts.role = r.asText();
      }
      if (delta.get("content") instanceof JsonNode t && t.isTextual()) {
        parts.content.append(t.asText());
        parts.sawContent = true;
      }
      for (JsonNode call : delta.path("tool_calls")) {
        int index = call.path("index").asInt(0);
        ObjectNode kept = parts.toolCalls.computeIfAbsent(index, i -> Json.object());
        if (call.get("id") instanceof JsonNode callId && callId.isTextual()) {
          kept.put("id", callId.asText());
        }
        kept.put("type", call.path("type").asText(kept.path("type").asText("function")));
        JsonNode fn = call.path("function");
        if (fn.get("name") instanceof JsonNode name && name.isTextual()) {
          kept.put("name", name.asText());
        }
        if (fn.get("arguments") instanceof JsonNode args && args.isTextual()) {
          parts.arguments.computeIfAbsent(index, i -> new StringBuilder()).append(args.asText());
        }
      }
      if (c.get("finish_reason") instanceof JsonNode f && f.isTextual()) {
        parts.finish = f.asText();
      }
    }
  }

  @Override
  public void completed(Usage streamUsage) {
    if (unreadable || choices.isEmpty() || choices.values().stream().anyMatch(p -> p.finish == null)) {
      return;
    }
    ObjectNode out = Json.object();
    out.put("id", id == null ? "" : id);
    out.put("object", "chat.completion");
    out.put("created", created);
    out.put("model", model == null ? "" : model);
    ArrayNode list = out.putArray("choices");
    choices.forEach((index, parts) -> {
      ObjectNode choice = list.addObject();
      choice.put("index", index);
      ObjectNode message = choice.putObject("message");
      message.put("role", parts.role);
      if (parts.sawContent || parts.toolCalls.isEmpty()) {
        message.put("content", parts.content.toString());
      } else {
        message.putNull("content");
      }
      if (!parts.toolCalls.isEmpty()) {
        ArrayNode calls = message.putArray("tool_calls");
        parts.toolCalls.forEach((i, kept) -> {
          ObjectNode call = calls.addObject();
          call.put("id", kept.path("id").asText(""));
          call.put("type", kept.path("type").asText("function"));
          ObjectNode fn = call.putObject("function");
          fn.put("name", kept.path("name").asText(""));
          StringBuilder args = parts.arguments.get(i);
          fn.put("arguments", args == null ? "" : args.toString());
        });
      }
      choice.put("finish_reason", parts.finish);
    });
    JsonNode u = streamUsage != null ? Json.MAPPER.valueToTree(streamUsage) : usage;
    if (u != null && u.isObject()) {
      out.set("usage", u);
    }
    done.accept(out);
  }
}
