package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama reply bodies as its API documents them: the {@code /api/chat} response, its NDJSON stream (partial messages,
 * tool calls whole in one line, a last {@code done: true} line with the counts) and the {@code /api/embed} response.
 * Tool calls carry no id, as older Ollama versions send them.
 */
final class OllamaBodies {
  private OllamaBodies() {}

  /** What the model says: text, or one tool call. */
  record Answer(String model, String text, String toolName, JsonNode toolArguments, String doneReason,
      int promptTokens, int evalTokens) {}

  /** OpenAI's finish reason (as Behavior speaks) as Ollama's done_reason. */
  static String doneReason(String openAi) {
    return openAi.equals("length") ? "length" : "stop";
  }

  static ObjectNode chat(Answer answer) {
    ObjectNode root = header(answer.model());
    ObjectNode message = root.putObject("message");
    message.put("role", "assistant");
    if (answer.toolName() != null) {
      message.put("content", "");
      ObjectNode fn = message.putArray("tool_calls").addObject().putObject("function");
      fn.put("name", answer.toolName());
      fn.set("arguments", answer.toolArguments());
    } else {
      message.put("content", answer.text());
    }
    done(root, answer);
    return root;
  }

  static List<Buffer> chatLines(Answer answer, int pieces) {
    List<Buffer> out = new ArrayList<>();
    if (answer.toolName() != null) {
      ObjectNode line = header(answer.model());
      ObjectNode message = line.putObject("message").put("role", "assistant").put("content", "");
      ObjectNode fn = message.putArray("tool_calls").addObject().putObject("function");
      fn.put("name", answer.toolName());
      fn.set("arguments", answer.toolArguments());
      line.put("done", false);
      out.add(line(line));
    } else {
      List<String> parts = pieces > 0 ? TextSplitter.even(answer.text(), pieces) : TextSplitter.words(answer.text());
      for (String part : parts) {
        ObjectNode line = header(answer.model());
        line.putObject("message").put("role", "assistant").put("content", part);
        line.put("done", false);
        out.add(line(line));
      }
    }
    ObjectNode last = header(answer.model());
    last.putObject("message").put("role", "assistant").put("content", "");
    done(last, answer);
    out.add(line(last));
    return out;
  }

  static ObjectNode embed(String model, List<String> inputs, int dims) {
    ObjectNode root = Json.object();
    root.put("model", model);
    ArrayNode embeddings = root.putArray("embeddings");
    int tokens = 0;
    for (String input : inputs) {
      tokens += TokenEstimate.of(input);
      ArrayNode values = embeddings.addArray();
      for (float f : EmbeddingBodies.vector(Json.MAPPER.getNodeFactory().textNode(input), dims)) {
        values.add(f);
      }
    }
    root.put("total_duration", 14143917);
    root.put("load_duration", 1019500);
    root.put("prompt_eval_count", tokens);
    return root;
  }

  private static void done(ObjectNode root, Answer answer) {
    root.put("done_reason", answer.doneReason());
    root.put("done", true);
    root.put("total_duration", 4_883_583_458L);
    root.put("load_duration", 1_334_875L);
    root.put("prompt_eval_count", answer.promptTokens());
    root.put("prompt_eval_duration", 342_546_000L);
    root.put("eval_count", answer.evalTokens());
    root.put("eval_duration", 4_535_599_000L);
  }

  private static ObjectNode header(String model) {
    ObjectNode root = Json.object();
    root.put("model", model);
    root.put("created_at", Instant.now().toString());
    return root;
  }

  private static Buffer line(ObjectNode node) {
    return Buffer.buffer(Json.write(node)).appendString("\n");
  }
}
