package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Tool;

/**
 * Translates an Anthropic Messages request into the OpenAI-format {@link ChatRequest} every adapter takes, for
 * deployments that do not speak Anthropic's format themselves.
 *
 * <ul>
 *   <li>{@code system} (text or text blocks) becomes the first, system message;
 *   <li>message content blocks become OpenAI messages and parts ({@link MessagesContent});
 *   <li>{@code tools} become function tools with {@code input_schema} as {@code parameters}; {@code tool_choice}
 *       {@code auto}/{@code any}/{@code tool}/{@code none} becomes {@code auto}/{@code required}/the named
 *       function/{@code none}, and {@code disable_parallel_tool_use} becomes {@code parallel_tool_calls: false};
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p}, {@code top_k}, {@code stop_sequences} (as
 *       {@code stop}) and {@code metadata.user_id} (as {@code user}) carry over; a stream asks for the usage chunk;
 *   <li>{@code thinking} (enabled, with a budget) becomes {@code reasoning_effort}: under 4096 budget tokens
 *       {@code low}, under 16384 {@code medium}, else {@code high}; {@code adaptive} is {@code medium}.
 * </ul>
 *
 * Fields with no OpenAI counterpart ({@code service_tier}, {@code container}, {@code mcp_servers},
 * {@code context_management}, {@code cache_control} on blocks) are dropped. The body must have passed
 * {@link MessagesRequestCheck}.
 */
public final class MessagesRequests {
  private MessagesRequests() {}

  public static ChatRequest toChat(JsonNode body) {
    ChatRequest.Builder out = ChatRequest.builder().model(body.path("model").asText());
    JsonNode system = body.get("system");
    if (system != null && !system.isNull()) {
      String text = MessagesContent.text(system);
      if (!text.isEmpty()) {
        out.addMessage(ChatMessage.system(text));
      }
    }
    for (JsonNode message : body.get("messages")) {
      MessagesContent.toChat(message).forEach(out::addMessage);
    }
    out.maxTokens(body.get("max_tokens").asInt());
    number(body, "temperature", out::temperature);
    number(body, "top_p", out::topP);
    JsonNode topK = body.get("top_k");
    if (topK != null && !topK.isNull()) {
      out.extra("top_k", topK);
    }
    JsonNode stops = body.get("stop_sequences");
    if (stops != null && stops.isArray() && !stops.isEmpty()) {
      out.stop(stops);
    }
    JsonNode userId = body.path("metadata").get("user_id");
    if (userId != null && userId.isTextual()) {
      out.user(userId.asText());
    }
    if (body.path("stream").asBoolean(false)) {
      out.stream(true).streamOptions(Json.object().put("include_usage", true));
    }
    tools(body.get("tools"), out);
    toolChoice(body.get("tool_choice"), out);
    String effort = reasoningEffort(body.get("thinking"));
    if (effort != null) {
      out.extra("reasoning_effort", TextNode.valueOf(effort));
    }
    return out.build();
  }

  private static void tools(JsonNode tools, ChatRequest.Builder out) {
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return;
    }
    for (JsonNode tool : tools) {
      String type = tool.path("type").asText("custom");
      if (!type.equals("custom")) {
        throw MessagesRequestCheck.bad("tools: the server tool '" + type + "' (" + tool.path("name").asText()
            + ") runs only on Anthropic's own API; this model group's deployment is not an Anthropic one");
      }
      JsonNode schema = tool.get("input_schema");
      ObjectNode parameters = schema instanceof ObjectNode o ? o.deepCopy() : Json.object().put("type", "object");
      JsonNode description = tool.get("description");
      out.addTool(Tool.function(tool.get("name").asText(),
          description != null && description.isTextual() ? description.asText() : null, parameters));
    }
  }

  private static void toolChoice(JsonNode choice, ChatRequest.Builder out) {
    if (choice == null || !choice.isObject()) {
      return;
    }
    switch (choice.path("type").asText()) {
      case "auto" -> out.toolChoice(TextNode.valueOf("auto"));
      case "any" -> out.toolChoice(TextNode.valueOf("required"));
      case "none" -> out.toolChoice(TextNode.valueOf("none"));
      case "tool" -> {
        ObjectNode named = Json.object().put("type", "function");
        named.putObject("function").put("name", choice.path("name").asText());
        out.toolChoice(named);
      }
      default -> throw MessagesRequestCheck.bad("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      out.parallelToolCalls(false);
    }
  }

  /** The OpenAI {@code reasoning_effort} for an Anthropic {@code thinking} object, or null for none. */
  static String reasoningEffort(JsonNode thinking) {
    if (thinking == null || !thinking.isObject()) {
      return null;
    }
    return switch (thinking.path("type").asText()) {
      case "enabled" -> {
        int budget = thinking.path("budget_tokens").asInt(0);
        yield budget < 4096 ? "low" : budget < 16384 ? "medium" : "high";
      }
      case "adaptive" -> "medium";
      default -> null;
    };
  }

  private static void number(JsonNode body, String field, java.util.function.Consumer<Double> set) {
    JsonNode value = body.get(field);
    if (value != null && value.isNumber()) {
      set.accept(value.asDouble());
    }
  }
}
