package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks a GenerateContentRequest the way the Gemini API does, so a translation bug becomes a 400 INVALID_ARGUMENT
 * in a test: unknown fields ("Unknown name ... Cannot find field."), missing or empty contents and parts, roles other
 * than user/model, a part with no or two data fields, a function response without a name or with a non-object
 * response, {@code parameters} carrying JSON-Schema-only keys or set together with {@code parametersJsonSchema},
 * and (for Gemini 3 models, which sign their calls) a model turn's first function call without its thought signature.
 */
final class GeminiFakeValidation {
  private static final Set<String> TOP = Set.of(
      "contents", "systemInstruction", "tools", "toolConfig", "safetySettings", "generationConfig", "cachedContent",
      "labels", "model");
  private static final Set<String> GENERATION = Set.of(
      "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "candidateCount", "seed", "presencePenalty",
      "frequencyPenalty", "responseMimeType", "responseSchema", "responseJsonSchema", "responseLogprobs", "logprobs",
      "thinkingConfig", "responseModalities", "mediaResolution", "speechConfig");
  private static final Set<String> THINKING = Set.of("thinkingBudget", "includeThoughts", "thinkingLevel");
  private static final Set<String> PART_DATA = Set.of(
      "text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult");
  private static final Set<String> PART_META = Set.of("thought", "thoughtSignature", "videoMetadata");
  private static final Set<String> OPENAPI_ONLY = Set.of("additionalProperties", "$schema", "$defs", "$ref");

  private GeminiFakeValidation() {}

  /** Null when the request is valid, else the API's error message. */
  static String problem(JsonNode body, String model, boolean vertex) {
    String unknown = unknown(body, TOP, "");
    if (unknown != null) {
      return unknown;
    }
    JsonNode contents = body.get("contents");
    if (contents == null || !contents.isArray() || contents.isEmpty()) {
      return "* GenerateContentRequest.contents: contents is not specified";
    }
    for (int i = 0; i < contents.size(); i++) {
      String p = content(contents.get(i), "contents[" + i + "]", vertex, signs(model));
      if (p != null) {
        return p;
      }
    }
    JsonNode system = body.get("systemInstruction");
    if (system != null) {
      JsonNode parts = system.path("parts");
      if (!parts.isArray() || parts.isEmpty()) {
        return "* GenerateContentRequest.system_instruction.parts: contents.parts must not be empty.";
      }
    }
    String tools = tools(body.path("tools"));
    if (tools != null) {
      return tools;
    }
    JsonNode config = body.get("generationConfig");
    if (config != null) {
      String p = unknown(config, GENERATION, "generation_config");
      if (p != null) {
        return p;
      }
      if (config.has("thinkingConfig")) {
        p = unknown(config.get("thinkingConfig"), THINKING, "generation_config.thinking_config");
        if (p != null) {
          return p;
        }
      }
      if (config.has("responseSchema") && config.has("responseJsonSchema")) {
        return "response_schema and response_json_schema are mutually exclusive.";
      }
    }
    JsonNode toolConfig = body.path("toolConfig").path("functionCallingConfig");
    if (toolConfig.has("allowedFunctionNames") && !"ANY".equals(toolConfig.path("mode").asText())
        && !"VALIDATED".equals(toolConfig.path("mode").asText())) {
      return "* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: only allowed "
          + "when mode is ANY or VALIDATED.";
    }
    return null;
  }

  /** Gemini 3 models sign their function calls and require the signature back. */
  static boolean signs(String model) {
    return model.startsWith("gemini-3");
  }

  private static String content(JsonNode content, String where, boolean vertex, boolean signs) {
    String role = content.path("role").asText("");
    if (role.isEmpty() && vertex) {
      return "Please use a valid role: user, model.";
    }
    if (!role.isEmpty() && !role.equals("user") && !role.equals("model")) {
      return "Please use a valid role: user, model.";
    }
    JsonNode parts = content.get("parts");
    if (parts == null || !parts.isArray() || parts.isEmpty()) {
      return "* GenerateContentRequest." + where + ".parts: contents.parts must not be empty.";
    }
    boolean firstCall = true;
    for (int i = 0; i < parts.size(); i++) {
      JsonNode part = parts.get(i);
      String at = "* GenerateContentRequest." + where + ".parts[" + i + "]";
      int data = 0;
      for (Iterator<String> names = part.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (PART_DATA.contains(name)) {
          data++;
        } else if (!PART_META.contains(name)) {
          return "Invalid JSON payload received. Unknown name \"" + name + "\" at '" + where.replace("[", "[")
              + ".parts[" + i + "]': Cannot find field.";
        }
      }
      if (data != 1) {
        return at + ".data: required oneof field 'data' must have one initialized field";
      }
      if (part.has("text") && !part.get("text").isTextual()) {
        return at + ".text: must be a string";
      }
      if (part.has("functionResponse")) {
        JsonNode fr = part.get("functionResponse");
        if (fr.path("name").asText("").isEmpty()) {
          return at + ".function_response.name: Name cannot be empty.";
        }
        if (!fr.path("response").isObject()) {
          return at + ".function_response.response: must be an object";
        }
      }
      if (part.has("functionCall")) {
        if (!part.get("functionCall").path("args").isObject() && part.get("functionCall").has("args")) {
          return at + ".function_call.args: must be an object";
        }
        if (signs && "model".equals(role) && firstCall && !part.hasNonNull("thoughtSignature")) {
          return "Function call is missing a thought_signature in functionCall parts. This is required for tools "
              + "to work correctly, and missing thought_signature may lead to degraded model performance. "
              + "Additional data, function call `default_api:" + part.get("functionCall").path("name").asText()
              + "` , position " + (i + 1) + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures"
              + " for more details.";
        }
        firstCall = false;
      }
      if (part.has("inlineData")) {
        JsonNode inline = part.get("inlineData");
        if (inline.path("mimeType").asText("").isEmpty() || inline.path("data").asText("").isEmpty()) {
          return at + ".inline_data: mime_type and data are required";
        }
      }
      if (part.has("fileData") && part.get("fileData").path("fileUri").asText("").isEmpty()) {
        return at + ".file_data.file_uri: file_uri is required";
      }
    }
    return null;
  }

  private static String tools(JsonNode tools) {
    for (int t = 0; t < tools.size(); t++) {
      JsonNode declarations = tools.get(t).path("functionDeclarations");
      for (int d = 0; d < declarations.size(); d++) {
        JsonNode declaration = declarations.get(d);
        String where = "tools[" + t + "].function_declarations[" + d + "]";
        if (declaration.path("name").asText("").isEmpty()) {
          return "* GenerateContentRequest." + where + ".name: Name cannot be empty.";
        }
        if (declaration.has("parameters") && declaration.has("parametersJsonSchema")) {
          return "* GenerateContentRequest." + where + ": parameters and parameters_json_schema are mutually "
              + "exclusive.";
        }
        String bad = openApiOnly(declaration.get("parameters"), where + ".parameters");
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  /** JSON-Schema-only keys anywhere inside an OpenAPI {@code parameters} schema. */
  private static String openApiOnly(JsonNode schema, String where) {
    if (schema == null) {
      return null;
    }
    if (schema.isObject()) {
      for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (OPENAPI_ONLY.contains(name)) {
          return "Invalid JSON payload received. Unknown name \"" + name + "\" at '" + where + "': Cannot find field.";
        }
        String inner = openApiOnly(schema.get(name), where + "." + name);
        if (inner != null) {
          return inner;
        }
      }
    } else if (schema.isArray()) {
      for (JsonNode item : schema) {
        String inner = openApiOnly(item, where);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  private static String unknown(JsonNode object, Set<String> known, String where) {
    if (!object.isObject()) {
      return "Invalid JSON payload received. Expected an object" + (where.isEmpty() ? "" : " at '" + where + "'")
          + ".";
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        return "Invalid JSON payload received. Unknown name \"" + name + "\"" + (where.isEmpty() ? "" : " at '"
            + where + "'") + ": Cannot find field.";
      }
    }
    return null;
  }
}
