package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake Bedrock's answers in Converse's shapes: the reply ({@code output.message}, {@code stopReason},
 * {@code usage}, {@code metrics}) and the ConverseStream events that spell the same answer.
 */
final class BedrockBodies {
  private BedrockBodies() {}

  /** What the model says: text, or one tool use; and why it stopped. */
  record Answer(String text, String toolUseId, String toolName, JsonNode toolInput, String stopReason) {
    boolean isToolUse() {
      return toolName != null;
    }
  }

  /** One ConverseStream event: its {@code :event-type} and payload. */
  record Event(String type, ObjectNode payload) {}

  static Answer answer(Behavior behavior, JsonNode body, long n) {
    String forced = forcedTool(body.path("toolConfig"));
    String id = String.format("tooluse_fake%06d", n);
    return switch (behavior.kind()) {
      case TOOL_CALL -> new Answer(null, id, behavior.toolName(), parse(behavior.toolArguments()),
          stopReason(behavior.finishReason()));
      default -> {
        String text = behavior.kind() == Behavior.Kind.REPLY ? behavior.text() : "echo: " + lastUserText(body);
        if (forced != null) { // a forced tool: the model answers through it, as Claude does
          JsonNode input = parse(text);
          if (!input.isObject()) {
            ObjectNode wrapped = Json.object();
            wrapped.put("value", text);
            input = wrapped;
          }
          yield new Answer(null, id, forced, input, "tool_use");
        }
        yield new Answer(text, null, null, null, stopReason(behavior.finishReason()));
      }
    };
  }

  /** The tool a {@code toolChoice} forces: the named one, or the only tool offered when the choice is {@code any}. */
  private static String forcedTool(JsonNode toolConfig) {
    JsonNode choice = toolConfig.path("toolChoice");
    if (choice.has("tool")) {
      return choice.get("tool").path("name").asText(null);
    }
    JsonNode tools = toolConfig.path("tools");
    return choice.has("any") && tools.size() == 1 ? tools.get(0).path("toolSpec").path("name").asText(null) : null;
  }

  static ObjectNode reply(Answer answer, JsonNode body) {
    ObjectNode root = Json.object();
    ObjectNode message = root.putObject("output").putObject("message");
    message.put("role", "assistant");
    contentBlock(answer, message.putArray("content"));
    root.put("stopReason", answer.stopReason());
    root.set("usage", usage(answer, body));
    root.putObject("metrics").put("latencyMs", 12);
    return root;
  }

  static List<Event> events(Answer answer, JsonNode body, int chunks) {
    List<Event> events = new ArrayList<>();
    ObjectNode start = Json.object();
    start.put("p", "abcdefghij");
    start.put("role", "assistant");
    events.add(new Event("messageStart", start));
    if (answer.isToolUse()) {
      ObjectNode blockStart = Json.object();
      blockStart.put("contentBlockIndex", 0);
      ObjectNode use = blockStart.putObject("start").putObject("toolUse");
      use.put("toolUseId", answer.toolUseId());
      use.put("name", answer.toolName());
      events.add(new Event("contentBlockStart", blockStart));
      String input = Json.writeString(answer.toolInput());
      List<String> pieces = chunks > 0 ? TextSplitter.even(input, chunks) : TextSplitter.bySize(input, 8);
      for (String piece : pieces) {
        ObjectNode delta = Json.object();
        delta.put("contentBlockIndex", 0);
        delta.putObject("delta").putObject("toolUse").put("input", piece);
        events.add(new Event("contentBlockDelta", delta));
      }
    } else {
      List<String> pieces = chunks > 0 ? TextSplitter.even(answer.text(), chunks) : TextSplitter.words(answer.text());
      for (String piece : pieces) {
        ObjectNode delta = Json.object();
        delta.put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", piece);
        events.add(new Event("contentBlockDelta", delta));
      }
    }
    ObjectNode stop = Json.object();
    stop.put("contentBlockIndex", 0);
    events.add(new Event("contentBlockStop", stop));
    ObjectNode messageStop = Json.object();
    messageStop.put("stopReason", answer.stopReason());
    events.add(new Event("messageStop", messageStop));
    ObjectNode metadata = Json.object();
    metadata.set("usage", usage(answer, body));
    metadata.putObject("metrics").put("latencyMs", 12);
    events.add(new Event("metadata", metadata));
    return events;
  }

  private static void contentBlock(Answer answer, ArrayNode content) {
    if (answer.isToolUse()) {
      ObjectNode use = content.addObject().putObject("toolUse");
      use.put("toolUseId", answer.toolUseId());
      use.put("name", answer.toolName());
      use.set("input", answer.toolInput());
    } else {
      content.addObject().put("text", answer.text());
    }
  }

  private static ObjectNode usage(Answer answer, JsonNode body) {
    int input = Math.max(1, TokenEstimate.of(allText(body)));
    int output = Math.max(1, TokenEstimate.of(answer.isToolUse() ? Json.writeString(answer.toolInput()) : answer.text()));
    ObjectNode usage = Json.object();
    usage.put("inputTokens", input);
    usage.put("outputTokens", output);
    usage.put("totalTokens", input + output);
    return usage;
  }

  /** OpenAI finish reasons a behaviour may name, as Converse stop reasons. */
  private static String stopReason(String finishReason) {
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls" -> "tool_use";
      case "content_filter" -> "content_filtered";
      default -> "end_turn";
    };
  }

  /** The last user turn's text and tool-result text. */
  static String lastUserText(JsonNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        StringBuilder out = new StringBuilder();
        for (JsonNode block : messages.get(i).path("content")) {
          if (block.has("text")) {
            out.append(out.isEmpty() ? "" : " ").append(block.get("text").asText());
          }
          for (JsonNode part : block.path("toolResult").path("content")) {
            out.append(out.isEmpty() ? "" : " ").append(part.has("text") ? part.get("text").asText()
                : Json.writeString(part.path("json")));
          }
        }
        return out.toString();
      }
    }
    return "";
  }

  private static String allText(JsonNode body) {
    StringBuilder out = new StringBuilder();
    body.path("system").forEach(b -> out.append(b.path("text").asText("")).append(' '));
    body.path("messages").forEach(m -> m.path("content").forEach(b -> out.append(b.path("text").asText("")).append(' ')));
    return out.toString();
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      return node == null ? Json.object() : node;
    } catch (IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
