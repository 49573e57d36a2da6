package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Builds Gemini GenerateContentResponse objects, stream events and embedding replies for the fake. */
final class GeminiFakeBodies {
  private GeminiFakeBodies() {}

  /** What the model answers: text, or one function call (args as a JSON object), and its Gemini finish reason. */
  record Answer(String text, String toolName, JsonNode toolArgs, String signature, String finishReason) {
    boolean isToolCall() {
      return toolName != null;
    }

    int tokens() {
      return isToolCall() ? TokenEstimate.of(toolName) + TokenEstimate.of(toolArgs.toString())
          : TokenEstimate.of(text);
    }
  }

  /** The OpenAI-style finish reason a behaviour names, as Gemini's. */
  static String finishReason(Behavior behavior) {
    return switch (behavior.finishReason()) {
      case "length" -> "MAX_TOKENS";
      case "content_filter" -> "SAFETY";
      default -> "STOP";
    };
  }

  static Answer answer(Behavior behavior, JsonNode request, String model, long n) {
    String finish = finishReason(behavior);
    if (behavior.kind() == Behavior.Kind.TOOL_CALL) {
      JsonNode args = Json.tree(behavior.toolArguments().getBytes(StandardCharsets.UTF_8));
      String signature = GeminiFakeValidation.signs(model)
          ? Base64.getEncoder().encodeToString(("fake-signature-" + n).getBytes(StandardCharsets.UTF_8)) : null;
      return new Answer(null, behavior.toolName(), args, signature, finish);
    }
    String text = behavior.kind() == Behavior.Kind.REPLY ? behavior.text() : "echo: " + lastUserText(request);
    if (behavior.kind() != Behavior.Kind.REPLY
        && "application/json".equals(request.path("generationConfig").path("responseMimeType").asText())) {
      text = Json.writeString(Json.object().put("echo", lastUserText(request)));
    }
    return new Answer(text, null, null, null, finish);
  }

  /** The text parts of the last user turn that has any, joined. */
  static String lastUserText(JsonNode request) {
    JsonNode contents = request.path("contents");
    for (int i = contents.size() - 1; i >= 0; i--) {
      JsonNode content = contents.get(i);
      if (!"model".equals(content.path("role").asText())) {
        StringBuilder text = new StringBuilder();
        content.path("parts").forEach(p -> text.append(p.path("text").asText("")));
        if (!text.isEmpty()) {
          return text.toString();
        }
      }
    }
    return "";
  }

  static int promptTokens(JsonNode request) {
    int total = 0;
    for (JsonNode content : request.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        total += TokenEstimate.of(part.path("text").asText(""));
      }
    }
    for (JsonNode part : request.path("systemInstruction").path("parts")) {
      total += TokenEstimate.of(part.path("text").asText(""));
    }
    return total;
  }

  static ObjectNode response(String responseId, String model, Answer answer, int promptTokens) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
    if (answer.isToolCall()) {
      toolPart(parts, answer);
    } else {
      parts.addObject().put("text", answer.text());
    }
    candidate.put("finishReason", answer.finishReason());
    candidate.put("index", 0);
    root.set("usageMetadata", usage(promptTokens, answer.tokens()));
    root.put("modelVersion", model);
    root.put("responseId", responseId);
    return root;
  }

  /** The events of a stream: text in pieces (or the call whole), the last one with the finish reason and usage. */
  static List<ObjectNode> streamEvents(String responseId, String model, Answer answer, int promptTokens, int pieces) {
    List<ObjectNode> events = new ArrayList<>();
    if (answer.isToolCall()) {
      ObjectNode call = event(responseId, model, promptTokens, -1);
      toolPart(candidateParts(call), answer);
      events.add(call);
      ObjectNode last = event(responseId, model, promptTokens, answer.tokens());
      candidateParts(last).addObject().put("text", "");
      finish(last, answer.finishReason());
      events.add(last);
      return events;
    }
    List<String> split = pieces > 0 ? TextSplitter.even(answer.text(), pieces) : TextSplitter.words(answer.text());
    if (split.isEmpty()) {
      split = List.of("");
    }
    int sent = 0;
    for (int i = 0; i < split.size(); i++) {
      boolean lastPiece = i == split.size() - 1;
      sent += TokenEstimate.of(split.get(i));
      ObjectNode event = event(responseId, model, promptTokens, lastPiece ? answer.tokens() : sent);
      candidateParts(event).addObject().put("text", split.get(i));
      if (lastPiece) {
        finish(event, answer.finishReason());
      }
      events.add(event);
    }
    return events;
  }

  private static ObjectNode event(String responseId, String model, int promptTokens, int candidateTokens) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    candidate.putObject("content").put("role", "model").putArray("parts");
    candidate.put("index", 0);
    ObjectNode usage = root.putObject("usageMetadata");
    usage.put("promptTokenCount", promptTokens);
    if (candidateTokens >= 0) {
      usage.put("candidatesTokenCount", candidateTokens);
    }
    usage.put("totalTokenCount", promptTokens + Math.max(0, candidateTokens));
    root.put("modelVersion", model);
    root.put("responseId", responseId);
    return root;
  }

  private static ArrayNode candidateParts(ObjectNode event) {
    return (ArrayNode) event.get("candidates").get(0).get("content").get("parts");
  }

  private static void finish(ObjectNode event, String reason) {
    ((ObjectNode) event.get("candidates").get(0)).put("finishReason", reason);
  }

  private static void toolPart(ArrayNode parts, Answer answer) {
    ObjectNode part = parts.addObject();
    ObjectNode call = part.putObject("functionCall");
    call.put("name", answer.toolName());
    call.set("args", answer.toolArgs());
    if (answer.signature() != null) {
      part.put("thoughtSignature", answer.signature());
    }
  }

  private static ObjectNode usage(int prompt, int candidates) {
    ObjectNode usage = Json.object();
    usage.put("promptTokenCount", prompt);
    usage.put("candidatesTokenCount", candidates);
    usage.put("totalTokenCount", prompt + candidates);
    return usage;
  }

  /** batchEmbedContents' reply: one vector per request, in order. */
  static ObjectNode batchEmbeddings(List<String> texts, int dims) {
    ObjectNode root = Json.object();
    ArrayNode embeddings = root.putArray("embeddings");
    for (String text : texts) {
      ArrayNode values = embeddings.addObject().putArray("values");
      for (float f : EmbeddingBodies.vector(TextNode.valueOf(text), dims)) {
        values.add(f);
      }
    }
    return root;
  }

  /** Vertex AI :predict's reply for text embedding models. */
  static ObjectNode predictEmbeddings(List<String> texts, int dims) {
    ObjectNode root = Json.object();
    ArrayNode predictions = root.putArray("predictions");
    int chars = 0;
    for (String text : texts) {
      ObjectNode embeddings = predictions.addObject().putObject("embeddings");
      ArrayNode values = embeddings.putArray("values");
      for (float f : EmbeddingBodies.vector(TextNode.valueOf(text), dims)) {
        values.add(f);
      }
      embeddings.putObject("statistics").put("truncated", false).put("token_count", TokenEstimate.of(text));
      chars += text.length();
    }
    root.putObject("metadata").put("billableCharacterCount", chars);
    return root;
  }
}
