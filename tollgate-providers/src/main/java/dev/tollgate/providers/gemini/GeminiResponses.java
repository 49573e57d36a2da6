package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.Ids;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gemini {@code GenerateContentResponse} as an OpenAI {@code chat.completion}: one choice per candidate (text,
 * thought summary as {@code reasoning_content}, function calls as tool calls), finish reasons and usage mapped. A
 * prompt Gemini blocked (no candidates, {@code promptFeedback.blockReason}) is a ContentPolicyViolation.
 */
public final class GeminiResponses {
  private GeminiResponses() {}

  public static ChatResponse parse(HttpReply reply, String provider, String model) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new InternalServerException(provider + " returned a reply that is not a JSON object", provider, model);
    }
    return parse(root, provider, model);
  }

  static ChatResponse parse(JsonNode root, String provider, String model) {
    JsonNode candidates = root.path("candidates");
    if (candidates.isEmpty() && root.path("promptFeedback").hasNonNull("blockReason")) {
      throw GeminiErrors.blocked(root.get("promptFeedback"), provider, model);
    }
    List<ChatResponse.Choice> choices = new ArrayList<>();
    for (JsonNode candidate : candidates) {
      CandidateParts parts = CandidateParts.of(candidate);
      boolean calls = !parts.toolCalls().isEmpty();
      ChatMessage message = ChatMessage.builder()
          .role("assistant")
          .content(parts.text() != null ? parts.text() : calls ? null : "")
          .toolCalls(calls ? parts.toolCalls() : null)
          .reasoningContent(parts.reasoning())
          .build();
      String finish = GeminiFinishReasons.toOpenAi(candidate.path("finishReason").asText("STOP"), calls);
      choices.add(ChatResponse.Choice.of(candidate.path("index").asInt(choices.size()), message, finish));
    }
    return new ChatResponse(
        id(root),
        "chat.completion",
        System.currentTimeMillis() / 1000,
        root.path("modelVersion").asText(model),
        choices,
        GeminiUsage.toOpenAi(root.get("usageMetadata")),
        null,
        null);
  }

  /** {@code chatcmpl-<responseId>}, or a fresh id when Gemini sent none. */
  static String id(JsonNode root) {
    String responseId = root.path("responseId").asText("");
    return "chatcmpl-" + (responseId.isEmpty() ? Ids.uuid() : responseId);
  }
}
