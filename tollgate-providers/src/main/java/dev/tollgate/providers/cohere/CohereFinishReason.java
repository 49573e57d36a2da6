package dev.tollgate.providers.cohere;

import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.TimeoutException;

/**
 * Cohere's finish reasons as OpenAI's: COMPLETE and STOP_SEQUENCE are {@code stop}, MAX_TOKENS is {@code length},
 * TOOL_CALL is {@code tool_calls}. ERROR and TIMEOUT mean the generation failed; they are raised as errors (500 and
 * 408) so the caller's retries and fallbacks apply, rather than passed off as a normal end.
 */
final class CohereFinishReason {
  private CohereFinishReason() {}

  static String toOpenAi(String reason, String error, String model) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case "COMPLETE", "STOP_SEQUENCE" -> "stop";
      case "MAX_TOKENS" -> "length";
      case "TOOL_CALL" -> "tool_calls";
      case "TIMEOUT" -> throw new TimeoutException(
          error == null ? "cohere timed out during the generation" : error, CohereProvider.NAME, model);
      case "ERROR" -> throw new InternalServerException(
          error == null ? "cohere ended the generation with an error" : error, CohereProvider.NAME, model);
      default -> "stop";
    };
  }
}
