package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI messages as Gemini's {@code systemInstruction} and {@code contents}. System and developer messages become the
 * system instruction; {@code assistant} turns become {@code model} turns whose tool calls are {@code functionCall}
 * parts (with the thought signature their id carries); {@code tool} messages become {@code functionResponse} parts of
 * a {@code user} turn, named by the assistant tool call they answer (OpenAI tool messages carry only the id, Gemini
 * requires the name). Consecutive turns of the same role are merged, so a batch of parallel tool results and a
 * following user message form one turn, as Gemini expects.
 */
final class GeminiContents {
  private final String provider;
  private final String model;
  private final GeminiParts parts;

  GeminiContents(String provider, String model) {
    this.provider = provider;
    this.model = model;
    this.parts = new GeminiParts(provider, model);
  }

  /** Sets {@code systemInstruction} (when there is a system text) and {@code contents} on {@code body}. */
  void write(List<ChatMessage> messages, ObjectNode body) {
    if (messages == null || messages.isEmpty()) {
      throw bad("messages must not be empty");
    }
    Map<String, String> toolNames = toolNames(messages);
    ArrayNode system = Json.MAPPER.createArrayNode();
    ArrayNode contents = Json.MAPPER.createArrayNode();
    for (ChatMessage message : messages) {
      String role = message.role() == null ? "" : message.role();
      switch (role) {
        case "system", "developer" -> parts.append(message.content(), system);
        case "user" -> {
          ArrayNode turn = Json.MAPPER.createArrayNode();
          parts.append(message.content(), turn);
          add(contents, "user", turn);
        }
        case "assistant" -> add(contents, "model", assistantParts(message));
        case "tool" -> add(contents, "user", functionResponse(nameFor(message, toolNames), message.content()));
        case "function" -> add(contents, "user", functionResponse(requireName(message), message.content()));
        default -> throw bad("message role '" + role + "' is not supported by " + provider);
      }
    }
    if (contents.isEmpty()) {
      if (system.isEmpty()) {
        throw bad("messages have no content to send");
      }
      // Gemini needs at least one turn: a lone system prompt is sent as the user's
      add(contents, "user", system);
      system = Json.MAPPER.createArrayNode();
    }
    if (!system.isEmpty()) {
      body.putObject("systemInstruction").set("parts", system);
    }
    body.set("contents", contents);
  }

  private ArrayNode assistantParts(ChatMessage message) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    parts.append(message.content(), out);
    if (message.toolCalls() != null) {
      for (ToolCall call : message.toolCalls()) {
        if (call.function() == null || call.function().name() == null) {
          throw bad("an assistant tool call needs function.name");
        }
        ObjectNode part = out.addObject();
        ObjectNode functionCall = part.putObject("functionCall");
        functionCall.put("name", call.function().name());
        functionCall.set("args", arguments(call.function().arguments()));
        String signature = ThoughtSignatures.fromCallId(call.id());
        if (signature != null) {
          part.put("thoughtSignature", signature);
        }
      }
    }
    return out;
  }

  private ObjectNode arguments(String json) {
    if (json == null || json.isBlank()) {
      return Json.object();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(json);
      if (parsed != null && parsed.isObject()) {
        return (ObjectNode) parsed;
      }
    } catch (IOException notJson) {
      // reported below
    }
    throw bad("tool call arguments must be a JSON object for " + provider + ", got: " + abbreviate(json));
  }

  private static ArrayNode functionResponse(String name, JsonNode content) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    ObjectNode response = out.addObject().putObject("functionResponse");
    response.put("name", name);
    response.set("response", responseObject(content));
    return out;
  }

  /** A tool result as the JSON object Gemini requires: a JSON object result as is, anything else under "output". */
  private static ObjectNode responseObject(JsonNode content) {
    String text = content == null || content.isNull() ? ""
        : content.isTextual() ? content.asText() : ChatMessage.builder().content(content).build().text();
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode parsed = Json.MAPPER.readTree(trimmed);
        if (parsed != null && parsed.isObject()) {
          return (ObjectNode) parsed;
        }
      } catch (IOException notJson) {
        // plain text that starts with a brace
      }
    }
    return Json.object().put("output", text);
  }

  private static Map<String, String> toolNames(List<ChatMessage> messages) {
    Map<String, String> names = new HashMap<>();
    for (ChatMessage message : messages) {
      if ("assistant".equals(message.role()) && message.toolCalls() != null) {
        for (ToolCall call : message.toolCalls()) {
          if (call.id() != null && call.function() != null && call.function().name() != null) {
            names.put(call.id(), call.function().name());
          }
        }
      }
    }
    return names;
  }

  private String nameFor(ChatMessage tool, Map<String, String> toolNames) {
    String name = tool.toolCallId() == null ? null : toolNames.get(tool.toolCallId());
    if (name == null) {
      name = tool.name();
    }
    if (name == null || name.isBlank()) {
      throw new BadRequestException(
          "tool message with tool_call_id '" + tool.toolCallId() + "' answers no earlier assistant tool call, and "
              + provider + " needs the function's name (give it as the tool message's 'name')",
          provider, model);
    }
    return name;
  }

  private String requireName(ChatMessage message) {
    if (message.name() == null || message.name().isBlank()) {
      throw bad("a function message needs a name");
    }
    return message.name();
  }

  private static void add(ArrayNode contents, String role, ArrayNode turnParts) {
    if (turnParts.isEmpty()) {
      return;
    }
    JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      ((ArrayNode) last.get("parts")).addAll(turnParts);
      return;
    }
    ObjectNode turn = contents.addObject();
    turn.put("role", role);
    turn.set("parts", turnParts);
  }

  private BadRequestException bad(String message) {
    return new BadRequestException(message, provider, model);
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }
}
