package dev.tollgate.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.translate.ParamPolicy;
import dev.tollgate.providers.types.Json;

/**
 * OpenAI messages as Cohere v2 messages. Cohere has the same four roles ({@code developer} is sent as
 * {@code system}) and needs no alternation, so the list keeps its order and length. Differences handled here:
 * <ul>
 *   <li>an assistant turn with tool calls carries its text as {@code tool_plan} (Cohere's place for the words before
 *       a call), the calls as {@code tool_calls} with JSON-string arguments;</li>
 *   <li>content parts: {@code text} and {@code image_url} (web or data: URL, with {@code detail}) for users; text only
 *       for system, assistant and tool turns; files and audio are refused as unsupported;</li>
 *   <li>{@code name} has no Cohere field and is left out; so is an assistant's {@code reasoning_content}.</li>
 * </ul>
 */
final class CohereMessages {
  private CohereMessages() {}

  static ArrayNode translate(JsonNode messages, CallTarget target) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new BadRequestException("messages must be a non-empty array", CohereProvider.NAME, target.model());
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode message : messages) {
      String role = message.path("role").asText("");
      switch (role) {
        case "system", "developer" -> out.add(textual("system", message.get("content"), target));
        case "user" -> out.add(user(message.get("content"), target));
        case "assistant" -> out.add(assistant(message, target));
        case "tool" -> out.add(tool(message, target));
        default -> throw new BadRequestException(
            "cohere does not accept messages with role '" + role + "'", CohereProvider.NAME, target.model());
      }
    }
    return out;
  }

  private static ObjectNode textual(String role, JsonNode content, CallTarget target) {
    ObjectNode out = Json.object();
    out.put("role", role);
    out.set("content", textContent(content, target));
    return out;
  }

  private static ObjectNode user(JsonNode content, CallTarget target) {
    ObjectNode out = Json.object();
    out.put("role", "user");
    if (content == null || content.isNull() || content.isTextual()) {
      out.put("content", content == null || content.isNull() ? "" : content.asText());
      return out;
    }
    ArrayNode parts = out.putArray("content");
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      switch (type) {
        case "text" -> parts.addObject().put("type", "text").put("text", part.path("text").asText(""));
        case "image_url" -> parts.add(image(part, target));
        default -> ParamPolicy.refuse(type.isEmpty() ? "content part without type" : type + " content", target);
      }
    }
    return out;
  }

  private static ObjectNode image(JsonNode part, CallTarget target) {
    JsonNode source = part.get("image_url");
    String url = source == null ? null : source.isTextual() ? source.asText() : source.path("url").asText(null);
    if (url == null || url.isBlank()) {
      throw new BadRequestException("image_url part without a url", CohereProvider.NAME, target.model());
    }
    ObjectNode out = Json.object();
    out.put("type", "image_url");
    ObjectNode image = out.putObject("image_url");
    image.put("url", url);
    if (source.path("detail").isTextual()) {
      image.put("detail", source.get("detail").asText());
    }
    return out;
  }

  private static ObjectNode assistant(JsonNode message, CallTarget target) {
    ObjectNode out = Json.object();
    out.put("role", "assistant");
    String text = plainText(message.get("content"), target);
    JsonNode calls = message.get("tool_calls");
    if (calls != null && calls.isArray() && !calls.isEmpty()) {
      if (text != null && !text.isEmpty()) {
        out.put("tool_plan", text);
      }
      ArrayNode toolCalls = out.putArray("tool_calls");
      for (JsonNode call : calls) {
        ObjectNode c = toolCalls.addObject();
        c.put("id", call.path("id").asText(""));
        c.put("type", "function");
        ObjectNode fn = c.putObject("function");
        fn.put("name", call.path("function").path("name").asText(""));
        JsonNode args = call.path("function").get("arguments");
        fn.put("arguments", args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString());
      }
    } else if (text != null) {
      out.put("content", text);
    }
    return out;
  }

  private static ObjectNode tool(JsonNode message, CallTarget target) {
    String id = message.path("tool_call_id").asText("");
    if (id.isEmpty()) {
      throw new BadRequestException("a tool message needs a tool_call_id", CohereProvider.NAME, target.model());
    }
    ObjectNode out = Json.object();
    out.put("role", "tool");
    out.put("tool_call_id", id);
    out.set("content", textContent(message.get("content"), target));
    return out;
  }

  /** A string as is; a part array as Cohere text parts (only text parts are allowed here). */
  private static JsonNode textContent(JsonNode content, CallTarget target) {
    if (content == null || content.isNull()) {
      return Json.MAPPER.getNodeFactory().textNode("");
    }
    if (content.isTextual()) {
      return content;
    }
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        parts.addObject().put("type", "text").put("text", part.path("text").asText(""));
      } else {
        ParamPolicy.refuse(part.path("type").asText("untyped") + " content outside a user message", target);
      }
    }
    return parts;
  }

  /** The text of a content value (string or text parts joined), or null. */
  private static String plainText(JsonNode content, CallTarget target) {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText())) {
        out.append(part.path("text").asText(""));
      } else if (!"refusal".equals(part.path("type").asText())) {
        ParamPolicy.refuse(part.path("type").asText("untyped") + " content outside a user message", target);
      }
    }
    return out.toString();
  }
}
