package dev.tollgate.providers.anthropic.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/**
 * Errors as Anthropic's API writes them, {@code {"type":"error","error":{"type":...,"message":...}}}, for clients of
 * the Anthropic-format endpoint: their SDKs pick the exception class from the status and read the message from this
 * body. The error type follows the HTTP status the way Anthropic documents it.
 */
public final class AnthropicErrorBody {
  private AnthropicErrorBody() {}

  /** Anthropic's error type for an HTTP status. */
  public static String typeFor(int status) {
    return switch (status) {
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 408, 504 -> "timeout_error";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  public static ObjectNode of(int status, String message) {
    ObjectNode root = Json.object();
    root.put("type", "error");
    ObjectNode error = root.putObject("error");
    error.put("type", typeFor(status));
    error.put("message", message);
    return root;
  }

  /** The error as an {@code event: error} SSE event, for a failure after the stream started. */
  public static byte[] event(int status, String message) {
    return AnthropicSse.frame("error", of(status, message));
  }
}
