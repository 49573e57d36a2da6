package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;

/**
 * A cached {@code chat.completion} replayed as an OpenAI stream: per choice one {@code chat.completion.chunk} with the
 * role, the whole content and the tool calls, then one with the finish reason; a usage chunk (no choices) when the
 * client asked for {@code stream_options.include_usage}; then {@code [DONE]}.
 */
final class ChunkReplay {
  private ChunkReplay() {}

  static Buffer sse(ObjectNode completion, boolean includeUsage) {
    Buffer out = Buffer.buffer();
    for (JsonNode choice : completion.path("choices")) {
      int index = choice.path("index").asInt(0);
      JsonNode message = choice.path("message");
      ObjectNode delta = Json.object();
      delta.put("role", message.path("role").asText("assistant"));
      JsonNode content = message.get("content");
      if (content != null && !content.isNull()) {
        delta.set("content", content);
      }
      JsonNode calls = message.get("tool_calls");
      if (calls != null && calls.isArray() && !calls.isEmpty()) {
        ArrayNode indexed = delta.putArray("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
          ObjectNode call = calls.get(i).deepCopy();
          call.put("index", i);
          indexed.add(call);
        }
      }
      event(out, chunk(completion, index, delta, null));
      JsonNode finish = choice.get("finish_reason");
      event(out, chunk(completion, index, Json.object(), finish == null || finish.isNull() ? "stop" : finish.asText()));
    }
    JsonNode usage = completion.get("usage");
    if (includeUsage && usage != null && usage.isObject()) {
      ObjectNode last = head(completion);
      last.putArray("choices");
      last.set("usage", usage);
      event(out, last);
    }
    return out.appendString("data: [DONE]\n\n");
  }

  private static ObjectNode chunk(ObjectNode completion, int index, ObjectNode delta, String finish) {
    ObjectNode chunk = head(completion);
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", index);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return chunk;
  }

  private static ObjectNode head(ObjectNode completion) {
    ObjectNode chunk = Json.object();
    chunk.put("id", completion.path("id").asText(""));
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", completion.path("created").asLong(System.currentTimeMillis() / 1000));
    chunk.put("model", completion.path("model").asText(""));
    JsonNode fingerprint = completion.get("system_fingerprint");
    if (fingerprint != null) {
      chunk.set("system_fingerprint", fingerprint);
    }
    return chunk;
  }

  private static void event(Buffer out, ObjectNode chunk) {
    out.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
  }
}
