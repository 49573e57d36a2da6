package dev.tollgate.providers.bedrock;

import java.util.Map;

/** Converse {@code stopReason} to OpenAI {@code finish_reason}; unknown or absent reasons are a plain stop. */
final class StopReasons {
  private static final Map<String, String> FINISH = Map.of(
      "end_turn", "stop",
      "stop_sequence", "stop",
      "max_tokens", "length",
      "model_context_window_exceeded", "length",
      "tool_use", "tool_calls",
      "guardrail_intervened", "content_filter",
      "content_filtered", "content_filter");

  private StopReasons() {}

  static String finishReason(String stopReason) {
    return stopReason == null ? "stop" : FINISH.getOrDefault(stopReason, "stop");
  }
}
