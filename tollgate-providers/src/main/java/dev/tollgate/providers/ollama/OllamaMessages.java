package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.translate.DataUrl;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.types.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI messages as Ollama messages. Ollama's {@code content} is a plain string and images travel beside it as raw
 * base64 in {@code images}, so:
 * <ul>
 *   <li>text parts are joined with newlines;</li>
 *   <li>an {@code image_url} with a {@code data:} URL gives its base64 payload; an http(s) URL is refused as
 *       unsupported (or dropped with drop_params): Ollama needs the bytes, and an adapter does no I/O to fetch them;</li>
 *   <li>assistant tool calls carry their arguments as a JSON object (parsed from OpenAI's string);</li>
 *   <li>a tool result carries {@code tool_call_id} and the {@code tool_name} Ollama's templates use, found from the
 *       assistant call with that id;</li>
 *   <li>{@code developer} is sent as {@code system}; {@code name} has no Ollama field and is left out.</li>
 * </ul>
 * Ollama needs no role alternation, so the list keeps its order and length.
 */
final class OllamaMessages {
  private OllamaMessages() {}

  static ArrayNode translate(JsonNode messages, CallTarget target) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new BadRequestException("messages must be a non-empty array", target.provider(), target.model());
    }
    Map<String, String> toolNames = new HashMap<>();
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode message : messages) {
      String role = message.path("role").asText("");
      ObjectNode m = out.addObject();
      switch (role) {
        case "system", "developer", "user" -> {
          m.put("role", role.equals("developer") ? "system" : role);
          content(message.get("content"), m, role.equals("user"), target);
        }
        case "assistant" -> {
          m.put("role", "assistant");
          content(message.get("content"), m, false, target);
          JsonNode calls = message.get("tool_calls");
          if (calls != null && calls.isArray() && !calls.isEmpty()) {
            ArrayNode toolCalls = m.putArray("tool_calls");
            for (JsonNode call : calls) {
              String name = call.path("function").path("name").asText("");
              toolNames.put(call.path("id").asText(""), name);
              ObjectNode c = toolCalls.addObject();
              if (call.path("id").isTextual()) {
                c.put("id", call.get("id").asText());
              }
              ObjectNode fn = c.putObject("function");
              fn.put("name", name);
              fn.set("arguments", arguments(call.path("function").get("arguments"), target));
            }
          }
        }
        case "tool" -> {
          m.put("role", "tool");
          content(message.get("content"), m, false, target);
          String id = message.path("tool_call_id").asText("");
          if (!id.isEmpty()) {
            m.put("tool_call_id", id);
          }
          String name = toolNames.get(id);
          if (name != null) {
            m.put("tool_name", name);
          }
        }
        default -> throw new BadRequestException(
            target.provider() + " does not accept messages with role '" + role + "'", target.provider(),
            target.model());
      }
    }
    return out;
  }

  private static void content(JsonNode content, ObjectNode m, boolean imagesAllowed, CallTarget target) {
    if (content == null || content.isNull()) {
      m.put("content", "");
      return;
    }
    if (content.isTextual()) {
      m.put("content", content.asText());
      return;
    }
    StringBuilder text = new StringBuilder();
    ArrayNode images = null;
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> {
          if (!text.isEmpty()) {
            text.append('\n');
          }
          text.append(part.path("text").asText(""));
        }
        case "image_url" -> {
          if (!imagesAllowed) {
            ParamPolicy.refuse("image content outside a user message", target);
            continue;
          }
          JsonNode source = part.get("image_url");
          String url = source == null ? null : source.isTextual() ? source.asText() : source.path("url").asText(null);
          DataUrl data = DataUrl.parse(url);
          if (data == null) {
            ParamPolicy.refuse("image_url with a web URL (Ollama takes inline base64 images only)", target);
            continue;
          }
          if (images == null) {
            images = m.putArray("images");
          }
          images.add(data.base64());
        }
        case "refusal" -> { }
        default -> ParamPolicy.refuse(type.isEmpty() ? "content part without type" : type + " content", target);
      }
    }
    m.put("content", text.toString());
    if (images != null) {
      // keep "images" after "content", as Ollama documents the message
      m.set("images", m.remove("images"));
    }
  }

  /** OpenAI's JSON-string arguments as the JSON object Ollama expects. */
  private static JsonNode arguments(JsonNode args, CallTarget target) {
    if (args == null || args.isNull()) {
      return Json.object();
    }
    if (args.isObject()) {
      return args;
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(args.asText());
      return parsed != null && parsed.isObject() ? parsed : Json.object();
    } catch (java.io.IOException e) {
      throw new BadRequestException("tool call arguments are not a JSON object: " + args.asText(),
          target.provider(), target.model());
    }
  }
}
