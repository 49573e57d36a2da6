package dev.tollgate.providers.ollama;

import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.HttpReply;

/**
 * Ollama's error replies, {@code {"error": "..."}} with the HTTP status (404 for a model that is not pulled, 400 for a
 * bad request, 429, 500, 502 for an unreachable cloud model), as typed errors by status and message.
 */
final class OllamaErrors {
  private OllamaErrors() {}

  static ProviderException fromReply(HttpReply reply, String provider, String model) {
    String message = ErrorMapping.messageOf(reply.body());
    if (message.isBlank()) {
      message = provider + " returned HTTP " + reply.status() + " with an empty body";
    }
    return ErrorMapping.fromStatus(reply.status(), message, provider, model, ErrorMapping.retryAfter(reply));
  }

  /**
   * An error line in a stream (the status is already 200 then): a message that names a missing model is a 404, one
   * about the context a context-window error, anything else a 500.
   */
  static ProviderException inStream(String message, String provider, String model) {
    if (message.contains("not found")) {
      return ErrorMapping.fromStatus(404, message, provider, model, null);
    }
    ProviderException asBadRequest = ErrorMapping.fromStatus(400, message, provider, model, null);
    return asBadRequest instanceof ContextWindowExceededException
        ? asBadRequest
        : ErrorMapping.fromStatus(500, message, provider, model, null);
  }
}
