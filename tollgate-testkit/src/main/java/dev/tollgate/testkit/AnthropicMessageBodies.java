package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds Anthropic Messages API replies: the {@code message} object and the event sequence of its stream
 * ({@code message_start}, per block {@code content_block_start} / {@code content_block_delta}* /
 * {@code content_block_stop}, a {@code ping}, {@code message_delta} with the stop reason and output tokens,
 * {@code message_stop}), shaped as in Anthropic's API reference.
 */
final class AnthropicMessageBodies {
  private static final int DEFAULT_ARGUMENT_PIECE = 8;

  private AnthropicMessageBodies() {}

  /** One content block of the answer: text, thinking (with its signature) or a tool use with its input JSON. */
  record Block(String type, String text, String signature, String toolId, String toolName, String inputJson) {
    static Block text(String text) {
      return new Block("text", text, null, null, null, null);
    }

    static Block thinking(String text) {
      String signature = Base64.getEncoder().encodeToString(("fake-signature:" + text).getBytes(StandardCharsets.UTF_8));
      return new Block("thinking", text, signature, null, null, null);
    }

    static Block toolUse(String id, String name, String inputJson) {
      return new Block("tool_use", null, null, id, name, inputJson);
    }

    int outputTokens() {
      return switch (type) {
        case "tool_use" -> TokenEstimate.of(toolName) + TokenEstimate.of(inputJson);
        default -> TokenEstimate.of(text);
      };
    }
  }

  /** The answer: its id, model, blocks, stop reason and input-side usage. */
  record Answer(String id, String model, List<Block> blocks, String stopReason, int inputTokens, int cacheRead,
      int cacheCreation) {
    int outputTokens() {
      return blocks.stream().mapToInt(Block::outputTokens).sum();
    }
  }

  /** One server-sent event: its {@code event:} name and data. */
  record Event(String name, ObjectNode data) {}

  static ObjectNode message(Answer answer) {
    ObjectNode root = header(answer);
    ArrayNode content = root.putArray("content");
    for (Block block : answer.blocks()) {
      content.add(fullBlock(block));
    }
    root.put("stop_reason", answer.stopReason());
    root.putNull("stop_sequence");
    root.putNull("stop_details");
    root.putNull("container");
    root.set("usage", usage(answer, answer.outputTokens()));
    return root;
  }

  /**
   * The stream's events in order. Text is split into {@code pieces} deltas (by words when 0), a tool's input JSON into
   * {@code pieces} fragments (about 8 characters each when 0), after an empty first fragment as Anthropic sends it.
   */
  static List<Event> events(Answer answer, int pieces) {
    List<Event> out = new ArrayList<>();
    ObjectNode start = Json.object().put("type", "message_start");
    ObjectNode message = header(answer);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putNull("stop_details");
    message.putNull("container");
    message.set("usage", usage(answer, 1));
    start.set("message", message);
    out.add(new Event("message_start", start));
    for (int index = 0; index < answer.blocks().size(); index++) {
      Block block = answer.blocks().get(index);
      ObjectNode opening = Json.object().put("type", "content_block_start").put("index", index);
      opening.set("content_block", openingBlock(block));
      out.add(new Event("content_block_start", opening));
      if (index == 0) {
        out.add(new Event("ping", Json.object().put("type", "ping")));
      }
      for (ObjectNode delta : deltas(block, pieces)) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        out.add(new Event("content_block_delta", event));
      }
      out.add(new Event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index)));
    }
    ObjectNode delta = Json.object().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", answer.stopReason()).putNull("stop_sequence");
    delta.putObject("usage").put("output_tokens", answer.outputTokens());
    out.add(new Event("message_delta", delta));
    out.add(new Event("message_stop", Json.object().put("type", "message_stop")));
    return out;
  }

  private static List<ObjectNode> deltas(Block block, int pieces) {
    List<ObjectNode> out = new ArrayList<>();
    switch (block.type()) {
      case "text" -> {
        List<String> parts = pieces > 0 ? TextSplitter.even(block.text(), pieces) : TextSplitter.words(block.text());
        parts.forEach(p -> out.add(Json.object().put("type", "text_delta").put("text", p)));
      }
      case "thinking" -> {
        List<String> parts = pieces > 0 ? TextSplitter.even(block.text(), pieces) : TextSplitter.words(block.text());
        parts.forEach(p -> out.add(Json.object().put("type", "thinking_delta").put("thinking", p)));
        out.add(Json.object().put("type", "signature_delta").put("signature", block.signature()));
      }
      default -> {
        out.add(Json.object().put("type", "input_json_delta").put("partial_json", ""));
        List<String> parts = pieces > 0
            ? TextSplitter.even(block.inputJson(), pieces)
            : TextSplitter.bySize(block.inputJson(), DEFAULT_ARGUMENT_PIECE);
        parts.forEach(p -> out.add(Json.object().put("type", "input_json_delta").put("partial_json", p)));
      }
    }
    return out;
  }

  private static ObjectNode fullBlock(Block block) {
    ObjectNode out = Json.object().put("type", block.type());
    switch (block.type()) {
      case "text" -> out.put("text", block.text());
      case "thinking" -> out.put("thinking", block.text()).put("signature", block.signature());
      default -> {
        out.put("id", block.toolId()).put("name", block.toolName());
        out.set("input", Json.tree(block.inputJson().getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static ObjectNode openingBlock(Block block) {
    ObjectNode out = Json.object().put("type", block.type());
    switch (block.type()) {
      case "text" -> out.put("text", "");
      case "thinking" -> out.put("thinking", "").put("signature", "");
      default -> {
        out.put("id", block.toolId()).put("name", block.toolName());
        out.putObject("input");
      }
    }
    return out;
  }

  private static ObjectNode header(Answer answer) {
    ObjectNode root = Json.object();
    root.put("id", answer.id());
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", answer.model());
    return root;
  }

  private static ObjectNode usage(Answer answer, int outputTokens) {
    ObjectNode usage = Json.object();
    usage.put("input_tokens", answer.inputTokens());
    usage.put("cache_creation_input_tokens", answer.cacheCreation());
    usage.put("cache_read_input_tokens", answer.cacheRead());
    ObjectNode creation = usage.putObject("cache_creation");
    creation.put("ephemeral_5m_input_tokens", answer.cacheCreation());
    creation.put("ephemeral_1h_input_tokens", 0);
    usage.put("output_tokens", outputTokens);
    usage.put("service_tier", "standard");
    return usage;
  }

  /** One piece of a request's prompt, in Anthropic's cache order, and whether it carries a cache breakpoint. */
  record PromptPart(String text, boolean breakpoint) {}

  /**
   * The pieces of a Messages request's prompt in the order Anthropic caches them (tools, system, messages), each marked
   * when it carries {@code cache_control}.
   */
  static List<PromptPart> promptParts(JsonNode body) {
    List<PromptPart> out = new ArrayList<>();
    for (JsonNode tool : body.path("tools")) {
      out.add(new PromptPart(Json.writeString(tool), tool.has("cache_control")));
    }
    JsonNode system = body.get("system");
    if (system != null && system.isTextual()) {
      out.add(new PromptPart(system.asText(), false));
    } else if (system != null) {
      system.forEach(b -> out.add(new PromptPart(b.path("text").asText(""), b.has("cache_control"))));
    }
    for (JsonNode message : body.path("messages")) {
      JsonNode content = message.get("content");
      if (content != null && content.isTextual()) {
        out.add(new PromptPart(content.asText(), false));
      } else if (content != null) {
        content.forEach(b -> out.add(new PromptPart(blockText(b), b.has("cache_control"))));
      }
    }
    return out;
  }

  private static String blockText(JsonNode block) {
    if (block.has("text")) {
      return block.get("text").asText();
    }
    JsonNode content = block.get("content");
    if (content != null) {
      return content.isTextual() ? content.asText() : RequestText.contentText(content);
    }
    if (block.has("input")) {
      return Json.writeString(block.get("input"));
    }
    return block.has("source") ? Json.writeString(block.get("source")) : "";
  }
}
