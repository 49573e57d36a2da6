package dev.tollgate.providers.anthropic;

/** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}. */
final class StopReasons {
  private StopReasons() {}

  /**
   * {@code end_turn}, {@code stop_sequence} and {@code pause_turn} are {@code stop}; {@code max_tokens} and
   * {@code model_context_window_exceeded} are {@code length}; {@code tool_use} is {@code tool_calls} (or {@code stop}
   * when the only tool call was the JSON-mode answer); {@code refusal} is {@code content_filter}.
   */
  static String finishReason(String stopReason, boolean answeredByJsonMode) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> answeredByJsonMode ? "stop" : "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop";
    };
  }
}
