package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere v2 reply bodies: the {@code /v2/chat} response, its SSE event sequence (each event with an {@code event:}
 * line naming its type, as Cohere sends them) and the {@code /v2/embed} response, shaped as in Cohere's API reference.
 */
final class CohereBodies {
  private static final int DEFAULT_ARGUMENT_PIECE = 8;

  private CohereBodies() {}

  /** What the assistant says: text, or one tool call with the plan text before it. */
  record Answer(String id, String text, String toolCallId, String toolName, String toolArguments, String finishReason,
      int inputTokens) {
    boolean isToolCall() {
      return toolName != null;
    }

    String plan() {
      return "I will call " + toolName + ".";
    }

    int outputTokens() {
      return isToolCall() ? TokenEstimate.of(toolName) + TokenEstimate.of(toolArguments) : TokenEstimate.of(text);
    }
  }

  /** OpenAI's finish reason (as Behavior speaks) in Cohere's words. */
  static String finishReason(String openAi) {
    return switch (openAi) {
      case "length" -> "MAX_TOKENS";
      case "tool_calls" -> "TOOL_CALL";
      default -> "COMPLETE";
    };
  }

  static ObjectNode chat(Answer answer) {
    ObjectNode root = Json.object();
    root.put("id", answer.id());
    root.put("finish_reason", answer.finishReason());
    ObjectNode message = root.putObject("message");
    message.put("role", "assistant");
    if (answer.isToolCall()) {
      message.put("tool_plan", answer.plan());
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", answer.toolCallId());
      call.put("type", "function");
      call.putObject("function").put("name", answer.toolName()).put("arguments", answer.toolArguments());
    } else {
      message.putArray("content").addObject().put("type", "text").put("text", answer.text());
    }
    root.set("usage", usage(answer.inputTokens(), answer.outputTokens()));
    return root;
  }

  static List<Buffer> chatEvents(Answer answer, int pieces) {
    List<Buffer> out = new ArrayList<>();
    ObjectNode start = event("message-start");
    start.put("id", answer.id());
    start.putObject("delta").putObject("message").put("role", "assistant");
    out.add(frame(start));
    if (answer.isToolCall()) {
      ObjectNode plan = event("tool-plan-delta");
      plan.putObject("delta").putObject("message").put("tool_plan", answer.plan());
      out.add(frame(plan));
      ObjectNode callStart = event("tool-call-start");
      callStart.put("index", 0);
      ObjectNode call = callStart.putObject("delta").putObject("message").putObject("tool_calls");
      call.put("id", answer.toolCallId());
      call.put("type", "function");
      call.putObject("function").put("name", answer.toolName()).put("arguments", "");
      out.add(frame(callStart));
      List<String> fragments = pieces > 0
          ? TextSplitter.even(answer.toolArguments(), pieces)
          : TextSplitter.bySize(answer.toolArguments(), DEFAULT_ARGUMENT_PIECE);
      for (String fragment : fragments) {
        ObjectNode delta = event("tool-call-delta");
        delta.put("index", 0);
        delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
            .put("arguments", fragment);
        out.add(frame(delta));
      }
      out.add(frame(event("tool-call-end").put("index", 0)));
    } else {
      ObjectNode contentStart = event("content-start");
      contentStart.put("index", 0);
      contentStart.putObject("delta").putObject("message").putObject("content").put("type", "text").put("text", "");
      out.add(frame(contentStart));
      List<String> parts = pieces > 0 ? TextSplitter.even(answer.text(), pieces) : TextSplitter.words(answer.text());
      for (String part : parts) {
        ObjectNode delta = event("content-delta");
        delta.put("index", 0);
        delta.putObject("delta").putObject("message").putObject("content").put("text", part);
        out.add(frame(delta));
      }
      out.add(frame(event("content-end").put("index", 0)));
    }
    ObjectNode end = event("message-end");
    ObjectNode delta = end.putObject("delta");
    delta.put("finish_reason", answer.finishReason());
    delta.set("usage", usage(answer.inputTokens(), answer.outputTokens()));
    out.add(frame(end));
    return out;
  }

  static ObjectNode embed(String id, List<String> texts, int dims, boolean base64) {
    ObjectNode root = Json.object();
    root.put("id", id);
    ArrayNode echoed = root.putArray("texts");
    texts.forEach(echoed::add);
    ObjectNode embeddings = root.putObject("embeddings");
    ArrayNode floats = embeddings.putArray("float");
    ArrayNode encoded = base64 ? embeddings.putArray("base64") : null;
    int tokens = 0;
    for (String text : texts) {
      tokens += TokenEstimate.of(text);
      float[] vector = EmbeddingBodies.vector(Json.MAPPER.getNodeFactory().textNode(text), dims);
      ArrayNode values = floats.addArray();
      for (float f : vector) {
        values.add(f);
      }
      if (encoded != null) {
        encoded.add("cohere-own-base64-not-used");
      }
    }
    ObjectNode meta = root.putObject("meta");
    meta.putObject("api_version").put("version", "2");
    meta.putObject("billed_units").put("input_tokens", tokens);
    return root;
  }

  private static ObjectNode usage(int input, int output) {
    ObjectNode usage = Json.object();
    usage.putObject("billed_units").put("input_tokens", input).put("output_tokens", output);
    usage.putObject("tokens").put("input_tokens", input + 100).put("output_tokens", output);
    return usage;
  }

  private static ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private static Buffer frame(ObjectNode event) {
    Buffer buffer = Buffer.buffer();
    buffer.appendString("event: ").appendString(event.get("type").asText()).appendString("\n");
    buffer.appendString("data: ").appendBytes(Json.write(event)).appendString("\n\n");
    return buffer;
  }
}
