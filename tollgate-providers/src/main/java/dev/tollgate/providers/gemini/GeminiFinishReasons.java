package dev.tollgate.providers.gemini;

/**
 * Gemini {@code finishReason} to OpenAI {@code finish_reason}. Gemini has no tool-call reason (a function call ends
 * with {@code STOP}), so a candidate that made a call finishes with {@code tool_calls}. Unknown values (the enum grows)
 * map to {@code stop}: strict OpenAI clients accept only the four values.
 */
final class GeminiFinishReasons {
  private GeminiFinishReasons() {}

  static String toOpenAi(String reason, boolean madeToolCall) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case "MAX_TOKENS" -> "length";
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE", "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR", "JAILBREAK" -> "content_filter";
      default -> madeToolCall ? "tool_calls" : "stop";
    };
  }
}
