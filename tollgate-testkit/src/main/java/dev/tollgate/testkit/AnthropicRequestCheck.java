package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Messages API request body the way Anthropic's API does, answering with Anthropic's own messages, so a
 * translation bug in an adapter fails a test instead of passing a lenient fake: required {@code model},
 * {@code max_tokens} and {@code messages}; no unknown top-level fields; roles {@code user}/{@code assistant} only,
 * strictly alternating and starting with {@code user}; known content block types with their required fields;
 * non-empty text blocks; every {@code tool_result} answering a {@code tool_use} of the previous turn and every
 * {@code tool_use} answered in the next; tools with names and input schemas; {@code tool_choice} only with tools;
 * {@code temperature} in [0, 1]; {@code thinking} budgets of at least 1024 and below {@code max_tokens}.
 */
final class AnthropicRequestCheck {
  private static final Set<String> TOP_LEVEL = Set.of(
      "model", "messages", "max_tokens", "system", "metadata", "stop_sequences", "stream", "temperature", "top_p",
      "top_k", "tools", "tool_choice", "thinking", "service_tier", "container", "mcp_servers", "output_config",
      "inference_geo", "cache_control", "context_management");
  private static final Set<String> USER_BLOCKS = Set.of(
      "text", "image", "document", "tool_result", "search_result", "container_upload");
  private static final Set<String> ASSISTANT_BLOCKS = Set.of(
      "text", "tool_use", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result");
  private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");

  private AnthropicRequestCheck() {}

  /** The first problem with the body as Anthropic words it, or null when the request is valid. */
  static String problem(JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL.contains(field)) {
        return field + ": Extra inputs are not permitted";
      }
    }
    if (!body.path("model").isTextual()) {
      return "model: Field required";
    }
    JsonNode maxTokens = body.get("max_tokens");
    if (maxTokens == null || maxTokens.isNull()) {
      return "max_tokens: Field required";
    }
    if (!maxTokens.isIntegralNumber()) {
      return "max_tokens: Input should be a valid integer";
    }
    if (maxTokens.asInt() < 1) {
      return "max_tokens: Input should be greater than or equal to 1";
    }
    JsonNode messages = body.get("messages");
    if (messages == null) {
      return "messages: Field required";
    }
    if (!messages.isArray()) {
      return "messages: Input should be a valid list";
    }
    String problem = system(body.get("system"));
    if (problem == null) {
      problem = messages(messages);
    }
    if (problem == null) {
      problem = tools(body, hasToolBlocks(messages));
    }
    if (problem == null) {
      problem = sampling(body);
    }
    return problem;
  }

  private static String system(JsonNode system) {
    if (system == null || system.isTextual()) {
      return null;
    }
    if (!system.isArray()) {
      return "system: Input should be a valid string or a list of text blocks";
    }
    for (int i = 0; i < system.size(); i++) {
      JsonNode block = system.get(i);
      if (!"text".equals(block.path("type").asText())) {
        return "system." + i + ".type: Input should be 'text'";
      }
      if (block.path("text").asText("").isEmpty()) {
        return "system: text content blocks must be non-empty";
      }
    }
    return null;
  }

  private static String messages(JsonNode messages) {
    if (messages.isEmpty()) {
      return "messages: at least one message is required";
    }
    String previousRole = null;
    Set<String> openToolUses = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if (role.equals("system")) {
        return "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not"
            + " \"system\" as an input message role.";
      }
      if (!role.equals("user") && !role.equals("assistant")) {
        return "messages." + i + ".role: Input should be 'user' or 'assistant'";
      }
      if (i == 0 && !role.equals("user")) {
        return "messages: first message must use the \"user\" role";
      }
      if (role.equals(previousRole)) {
        return "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"" + role
            + "\" roles in a row";
      }
      JsonNode content = message.get("content");
      if (content == null) {
        return "messages." + i + ".content: Field required";
      }
      Set<String> answered = new HashSet<>();
      Set<String> used = new HashSet<>();
      if (content.isTextual()) {
        if (content.asText().isEmpty() && !(role.equals("assistant") && i == messages.size() - 1)) {
          return "messages." + i + ": all messages must have non-empty content except for the optional final"
              + " assistant message";
        }
      } else if (content.isArray()) {
        if (content.isEmpty() && !(role.equals("assistant") && i == messages.size() - 1)) {
          return "messages." + i + ": all messages must have non-empty content except for the optional final"
              + " assistant message";
        }
        for (int j = 0; j < content.size(); j++) {
          String problem = block(content.get(j), role, "messages." + i + ".content." + j, answered, used);
          if (problem != null) {
            return problem;
          }
        }
      } else {
        return "messages." + i + ".content: Input should be a valid string or a list of content blocks";
      }
      if (role.equals("user")) {
        for (String id : answered) {
          if (!openToolUses.contains(id)) {
            return "messages." + i + ".content: unexpected `tool_use_id` found in `tool_result` blocks: " + id
                + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
          }
        }
        openToolUses.removeAll(answered);
        if (!openToolUses.isEmpty()) {
          return "messages." + (i - 1) + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
              + String.join(", ", openToolUses) + ". Each `tool_use` block must have a corresponding `tool_result`"
              + " block in the next message.";
        }
      } else {
        openToolUses.clear();
        openToolUses.addAll(used);
      }
      previousRole = role;
    }
    return null;
  }

  private static String block(JsonNode block, String role, String where, Set<String> answered, Set<String> used) {
    String type = block.path("type").asText("");
    Set<String> allowed = role.equals("user") ? USER_BLOCKS : ASSISTANT_BLOCKS;
    if (!allowed.contains(type)) {
      return where + ".type: Input tag '" + type + "' found using 'type' does not match any of the expected tags: "
          + String.join(", ", allowed.stream().sorted().map(t -> "'" + t + "'").toList());
    }
    switch (type) {
      case "text" -> {
        if (!block.path("text").isTextual()) {
          return where + ".text: Field required";
        }
        if (block.get("text").asText().isEmpty()) {
          return "messages: text content blocks must be non-empty";
        }
      }
      case "image", "document" -> {
        return source(block.path("source"), type, where);
      }
      case "tool_use" -> {
        if (!block.path("id").isTextual()) {
          return where + ".id: Field required";
        }
        if (!block.path("name").isTextual()) {
          return where + ".name: Field required";
        }
        if (!block.path("input").isObject()) {
          return where + ".input: Input should be a valid dictionary";
        }
        used.add(block.get("id").asText());
      }
      case "tool_result" -> {
        if (!block.path("tool_use_id").isTextual()) {
          return where + ".tool_use_id: Field required";
        }
        answered.add(block.get("tool_use_id").asText());
      }
      case "thinking" -> {
        if (!block.path("signature").isTextual()) {
          return where + ".signature: Field required";
        }
      }
      default -> {
        // other block types are accepted as given
      }
    }
    return null;
  }

  private static String source(JsonNode source, String blockType, String where) {
    String type = source.path("type").asText("");
    switch (type) {
      case "base64" -> {
        String mediaType = source.path("media_type").asText("");
        if (blockType.equals("image") && !IMAGE_TYPES.contains(mediaType)) {
          return where + ".source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or"
              + " 'image/webp'";
        }
        if (blockType.equals("document") && !mediaType.equals("application/pdf")) {
          return where + ".source.base64.media_type: Input should be 'application/pdf'";
        }
        if (!source.path("data").isTextual()) {
          return where + ".source.base64.data: Field required";
        }
      }
      case "url" -> {
        if (!source.path("url").isTextual()) {
          return where + ".source.url.url: Field required";
        }
      }
      case "text", "content", "file" -> {
        if (blockType.equals("image") && !type.equals("file")) {
          return where + ".source: Input tag '" + type + "' found using 'type' does not match any of the expected"
              + " tags: 'base64', 'url', 'file'";
        }
      }
      default -> {
        return where + ".source: Input tag '" + type + "' found using 'type' does not match any of the expected"
            + " tags: 'base64', 'url'";
      }
    }
    return null;
  }

  private static boolean hasToolBlocks(JsonNode messages) {
    for (JsonNode message : messages) {
      for (JsonNode block : message.path("content")) {
        String type = block.path("type").asText("");
        if (type.equals("tool_use") || type.equals("tool_result")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String tools(JsonNode body, boolean toolBlocks) {
    JsonNode tools = body.get("tools");
    if (tools != null && !tools.isArray()) {
      return "tools: Input should be a valid list";
    }
    Set<String> names = new HashSet<>();
    if (tools != null) {
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        String type = tool.path("type").asText("custom");
        if (!type.equals("custom")) {
          names.add(tool.path("name").asText(type)); // a server tool such as web_search_20250305
          continue;
        }
        if (!tool.path("name").isTextual()) {
          return "tools." + i + ".custom.name: Field required";
        }
        if (!TOOL_NAME.matcher(tool.get("name").asText()).matches()) {
          return "tools." + i + ".custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'";
        }
        JsonNode schema = tool.get("input_schema");
        if (schema == null) {
          return "tools." + i + ".custom.input_schema: Field required";
        }
        if (!"object".equals(schema.path("type").asText())) {
          return "tools." + i + ".custom.input_schema.type: Input should be 'object'";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tool.fields(); it.hasNext(); ) {
          String field = it.next().getKey();
          if (!Set.of("name", "description", "input_schema", "cache_control", "type", "strict").contains(field)) {
            return "tools." + i + ".custom." + field + ": Extra inputs are not permitted";
          }
        }
        names.add(tool.get("name").asText());
      }
    }
    if (toolBlocks && (tools == null || tools.isEmpty())) {
      return "Requests which include `tool_use` or `tool_result` blocks must define tools.";
    }
    JsonNode choice = body.get("tool_choice");
    if (choice != null && !choice.isNull()) {
      String type = choice.path("type").asText("");
      if (!Set.of("auto", "any", "tool", "none").contains(type)) {
        return "tool_choice.type: Input tag '" + type + "' found using 'type' does not match any of the expected"
            + " tags: 'auto', 'any', 'tool', 'none'";
      }
      if (tools == null || tools.isEmpty()) {
        return "tool_choice may only be specified while providing tools.";
      }
      if (type.equals("tool") && !names.contains(choice.path("name").asText(""))) {
        return "tool_choice.name: tool '" + choice.path("name").asText("") + "' is not in the list of tools";
      }
      if ((type.equals("tool") || type.equals("any")) && "enabled".equals(body.path("thinking").path("type").asText())) {
        return "Thinking may not be enabled when tool_choice forces tool use.";
      }
    }
    return null;
  }

  private static String sampling(JsonNode body) {
    JsonNode temperature = body.get("temperature");
    if (temperature != null && temperature.isNumber()) {
      if (temperature.asDouble() > 1) {
        return "temperature: Input should be less than or equal to 1";
      }
      if (temperature.asDouble() < 0) {
        return "temperature: Input should be greater than or equal to 0";
      }
    }
    JsonNode stops = body.get("stop_sequences");
    if (stops != null) {
      if (!stops.isArray()) {
        return "stop_sequences: Input should be a valid list";
      }
      for (JsonNode stop : stops) {
        if (!stop.isTextual() || stop.asText().isBlank()) {
          return "stop_sequences: each stop sequence must contain non-whitespace";
        }
      }
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null) {
      for (Iterator<String> it = metadata.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!field.equals("user_id")) {
          return "metadata." + field + ": Extra inputs are not permitted";
        }
      }
    }
    JsonNode thinking = body.get("thinking");
    if (thinking != null && "enabled".equals(thinking.path("type").asText())) {
      JsonNode budget = thinking.get("budget_tokens");
      if (budget == null || !budget.isIntegralNumber()) {
        return "thinking.enabled.budget_tokens: Field required";
      }
      if (budget.asInt() < 1024) {
        return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
      }
      if (budget.asInt() >= body.path("max_tokens").asInt()) {
        return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at"
            + " https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
      }
    }
    return null;
  }
}
