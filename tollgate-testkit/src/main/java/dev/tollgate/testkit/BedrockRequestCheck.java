package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rejects Converse bodies the way Bedrock does, with its ValidationException messages: missing or mistyped fields,
 * roles that do not alternate or do not start with {@code user}, empty content, blank text, content blocks that set no
 * (or several) kinds, image formats and bytes, tool names and ids outside {@code [a-zA-Z0-9_-]{1,64}}, tool blocks
 * without a {@code toolConfig}, tool results that answer no tool call of the previous turn, out-of-range inference
 * parameters. Unknown top-level or inference fields are refused too: stricter than documented, so that a field the
 * adapter should not send shows up in a test.
 */
final class BedrockRequestCheck {
  private static final Set<String> TOP_LEVEL = Set.of("messages", "system", "inferenceConfig", "toolConfig",
      "guardrailConfig", "additionalModelRequestFields", "promptVariables", "additionalModelResponseFieldPaths",
      "requestMetadata", "performanceConfig", "serviceTier");
  private static final Set<String> INFERENCE = Set.of("maxTokens", "temperature", "topP", "stopSequences");
  private static final List<String> BLOCK_KINDS = List.of("text", "image", "document", "video", "toolUse",
      "toolResult", "guardContent", "cachePoint", "reasoningContent", "citationsContent");
  private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
  private static final Set<String> DOCUMENT_FORMATS = Set.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt",
      "md");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-zA-Z0-9\\-()\\[\\]]+( [a-zA-Z0-9\\-()\\[\\]]+)*");

  private BedrockRequestCheck() {}

  /** The ValidationException message for a malformed body, or null when Bedrock would accept it. */
  static String converse(JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL.contains(field)) {
        return "Malformed input request: extraneous key [" + field + "] is not permitted, please reformat your input"
            + " and try again.";
      }
    }
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray()) {
      return "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be"
          + " null";
    }
    String problem = system(body.get("system"));
    if (problem == null) {
      problem = inference(body.get("inferenceConfig"));
    }
    if (problem == null) {
      problem = toolConfig(body.get("toolConfig"));
    }
    if (problem == null) {
      problem = turns(messages, body.has("toolConfig"));
    }
    return problem;
  }

  private static String system(JsonNode system) {
    if (system == null) {
      return null;
    }
    for (int i = 0; i < system.size(); i++) {
      JsonNode block = system.get(i);
      if (block.has("text") && block.get("text").asText().isBlank()) {
        return "The text field in the SystemContentBlock object at system." + i + " is blank. Add text to the text"
            + " field, and try again.";
      }
    }
    return null;
  }

  private static String inference(JsonNode config) {
    if (config == null) {
      return null;
    }
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!INFERENCE.contains(field)) {
        return "Malformed input request: extraneous key [" + field + "] is not permitted in inferenceConfig.";
      }
    }
    if (config.has("maxTokens") && (!config.get("maxTokens").canConvertToInt() || config.get("maxTokens").asInt() < 1)) {
      return "1 validation error detected: Value '" + config.get("maxTokens") + "' at 'inferenceConfig.maxTokens'"
          + " failed to satisfy constraint: Member must have value greater than or equal to 1";
    }
    for (String name : List.of("temperature", "topP")) {
      if (config.has(name) && (config.get(name).asDouble() < 0 || config.get(name).asDouble() > 1)) {
        return "1 validation error detected: Value '" + config.get(name) + "' at 'inferenceConfig." + name
            + "' failed to satisfy constraint: Member must have value less than or equal to 1";
      }
    }
    if (config.has("stopSequences") && !config.get("stopSequences").isArray()) {
      return "Malformed input request: inferenceConfig.stopSequences must be a list of strings.";
    }
    return null;
  }

  private static String toolConfig(JsonNode config) {
    if (config == null) {
      return null;
    }
    JsonNode tools = config.get("tools");
    if (tools == null || !tools.isArray() || tools.isEmpty()) {
      return "1 validation error detected: Value at 'toolConfig.tools' failed to satisfy constraint: Member must have"
          + " length greater than or equal to 1";
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      if (tools.get(i).has("cachePoint")) {
        continue;
      }
      JsonNode spec = tools.get(i).get("toolSpec");
      if (spec == null || !spec.path("inputSchema").path("json").isObject()) {
        return "The toolSpec at toolConfig.tools." + i + " needs a name and an inputSchema.json object.";
      }
      String name = spec.path("name").asText("");
      if (!NAME.matcher(name).matches()) {
        return "1 validation error detected: Value '" + name + "' at 'toolConfig.tools." + (i + 1)
            + ".member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
            + " [a-zA-Z0-9_-]+";
      }
      names.add(name);
    }
    JsonNode choice = config.get("toolChoice");
    if (choice != null) {
      if (choice.size() != 1 || !(choice.has("auto") || choice.has("any") || choice.has("tool"))) {
        return "The toolChoice field must set exactly one of auto, any or tool.";
      }
      if (choice.has("tool") && !names.contains(choice.path("tool").path("name").asText())) {
        return "The tool " + choice.path("tool").path("name").asText() + " in toolChoice is not in toolConfig.tools.";
      }
    }
    return null;
  }

  private static String turns(JsonNode messages, boolean hasToolConfig) {
    if (messages.isEmpty()) {
      return "A conversation must start with a user message. Try again with a conversation that starts with a user"
          + " message.";
    }
    Set<String> previousToolUses = new HashSet<>();
    String previousRole = null;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        return "1 validation error detected: Value '" + role + "' at 'messages." + (i + 1) + ".member.role' failed"
            + " to satisfy constraint: Member must satisfy enum value set: [user, assistant]";
      }
      if (i == 0 && !role.equals("user")) {
        return "A conversation must start with a user message. Try again with a conversation that starts with a user"
            + " message.";
      }
      if (role.equals(previousRole)) {
        return "A conversation must alternate between user and assistant roles. Make sure the conversation alternates"
            + " between user and assistant roles and try again.";
      }
      JsonNode content = message.get("content");
      if (content == null || !content.isArray() || content.isEmpty()) {
        return "The content field in the Message object at messages." + i + " is empty. Add a ContentBlock object to"
            + " the content field and try again.";
      }
      Set<String> toolUses = new HashSet<>();
      int results = 0;
      for (int j = 0; j < content.size(); j++) {
        JsonNode block = content.get(j);
        String problem = block(block, "messages." + i + ".content." + j, role, hasToolConfig);
        if (problem != null) {
          return problem;
        }
        if (block.has("toolUse")) {
          toolUses.add(block.get("toolUse").path("toolUseId").asText());
        }
        if (block.has("toolResult")) {
          results++;
          if (!previousToolUses.contains(block.get("toolResult").path("toolUseId").asText())) {
            return "The toolUseId " + block.get("toolResult").path("toolUseId").asText() + " in the toolResult at"
                + " messages." + i + ".content." + j + " does not match any toolUse block of the previous turn.";
          }
        }
      }
      if (results > previousToolUses.size()) {
        return "The number of toolResult blocks at messages." + i + ".content exceeds the number of toolUse blocks of"
            + " previous turn.";
      }
      previousToolUses = toolUses;
      previousRole = role;
    }
    return null;
  }

  private static String block(JsonNode block, String at, String role, boolean hasToolConfig) {
    List<String> kinds = BLOCK_KINDS.stream().filter(block::has).toList();
    if (kinds.size() != 1 || block.size() != 1) {
      return "The ContentBlock object at " + at + " must set exactly one of the following keys: "
          + String.join(", ", BLOCK_KINDS) + ".";
    }
    String kind = kinds.get(0);
    JsonNode value = block.get(kind);
    switch (kind) {
      case "text" -> {
        if (!value.isTextual() || value.asText().isBlank()) {
          return "The text field in the ContentBlock object at " + at + " is blank. Add text to the text field, and"
              + " try again.";
        }
      }
      case "image" -> {
        if (!IMAGE_FORMATS.contains(value.path("format").asText())) {
          return "1 validation error detected: Value '" + value.path("format").asText() + "' at '" + at
              + ".member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg,"
              + " gif, webp]";
        }
        if (!base64(value.path("source").path("bytes"))) {
          return "Malformed input request: " + at + ".image.source.bytes is not valid base64.";
        }
      }
      case "document" -> {
        if (!DOCUMENT_FORMATS.contains(value.path("format").asText()) || !base64(value.path("source").path("bytes"))) {
          return "The document at " + at + " needs a supported format and base64 bytes.";
        }
        if (!DOCUMENT_NAME.matcher(value.path("name").asText("")).matches()) {
          return "The document file name can only contain alphanumeric characters, whitespace characters, hyphens,"
              + " parentheses, and square brackets. The name can't contain more than one consecutive whitespace"
              + " character.";
        }
      }
      case "toolUse", "toolResult" -> {
        if (!hasToolConfig) {
          return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
        }
        if (kind.equals("toolUse") && !role.equals("assistant") || kind.equals("toolResult") && !role.equals("user")) {
          return "The " + kind + " block at " + at + " is not allowed in a " + role + " message.";
        }
        if (!NAME.matcher(value.path("toolUseId").asText("")).matches()) {
          return "1 validation error detected: Value '" + value.path("toolUseId").asText("") + "' at '" + at
              + ".member." + kind + ".toolUseId' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: [a-zA-Z0-9_-]+";
        }
        if (kind.equals("toolUse") && !value.path("input").isObject()) {
          return "The input field of the toolUse block at " + at + " must be a JSON object.";
        }
        if (kind.equals("toolResult")) {
          for (JsonNode part : value.path("content")) {
            if (part.has("text") && part.get("text").asText().isBlank()) {
              return "The text field in the ToolResultContentBlock object at " + at + " is blank. Add text to the"
                  + " text field, and try again.";
            }
          }
        }
      }
      default -> {
        // other kinds are passed through unchecked
      }
    }
    return null;
  }

  private static boolean base64(JsonNode bytes) {
    if (!bytes.isTextual() || bytes.asText().isEmpty()) {
      return false;
    }
    try {
      Base64.getDecoder().decode(bytes.asText());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
