package dev.tollgate.providers.cohere;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpReply;

/**
 * Cohere's error replies ({@code {"message": "...", "id": "..."}}) as typed errors. Besides the usual statuses Cohere
 * documents 498 (a deny-listed token in the request or the reply: a content-policy refusal), 499 (the request was
 * cancelled) and 504 (its gateway timed out).
 */
final class CohereErrors {
  private CohereErrors() {}

  static ProviderException fromReply(HttpReply reply, String model) {
    String message = ErrorMapping.messageOf(reply.body());
    if (message.isBlank()) {
      message = "cohere returned HTTP " + reply.status() + " with an empty body";
    }
    return switch (reply.status()) {
      case 498 -> new ContentPolicyViolationException(message, CohereProvider.NAME, model);
      case 499 -> new APIConnectionException(message, CohereProvider.NAME, model);
      case 504 -> new TimeoutException(message, CohereProvider.NAME, model);
      default -> ErrorMapping.fromStatus(reply.status(), message, CohereProvider.NAME, model,
          ErrorMapping.retryAfter(reply));
    };
  }
}
