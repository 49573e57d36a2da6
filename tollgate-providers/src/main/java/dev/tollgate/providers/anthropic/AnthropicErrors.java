package dev.tollgate.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Anthropic's errors ({@code {"type":"error","error":{"type":..,"message":..}}}, as an HTTP reply or a stream
 * {@code error} event) as typed exceptions, keeping Anthropic's message: 529 {@code overloaded_error} is a 503
 * ServiceUnavailable, 429 a RateLimit (with the {@code retry-after} header), 504 {@code timeout_error} a Timeout,
 * "prompt is too long" and "input length and `max_tokens` exceed context limit" a ContextWindowExceeded, and 413 {@code request_too_large} a BadRequest (the request has too
 * many bytes, which a larger context window would not fix) unless its message speaks of the context.
 */
public final class AnthropicErrors {
  /** Anthropic's wording when input plus {@code max_tokens} do not fit ("... exceed context limit: 188240 + ..."). */
  private static final Pattern CONTEXT_LIMIT = Pattern.compile("exceed context limit", Pattern.CASE_INSENSITIVE);

  private AnthropicErrors() {}

  static ProviderException fromReply(HttpReply reply, String model) {
    Duration retryAfter = ErrorMapping.retryAfter(reply);
    JsonNode error = null;
    try {
      JsonNode root = reply.body() == null || reply.body().length == 0 ? null : Json.MAPPER.readTree(reply.body());
      error = root == null ? null : root.get("error");
    } catch (java.io.IOException notJson) {
      // an HTML page from a proxy, say: mapped by status below
    }
    if (error != null && error.isObject() && error.hasNonNull("message")) {
      return map(reply.status(), error.path("type").asText(""), error.get("message").asText(), model, retryAfter);
    }
    String message = ErrorMapping.messageOf(reply.body());
    if (message.isBlank()) {
      message = "anthropic returned HTTP " + reply.status() + " with an empty body";
    }
    return map(reply.status(), "", message, model, retryAfter);
  }

  /** An error object without an HTTP status of its own (a stream {@code error} event): the status follows its type. */
  public static ProviderException fromErrorObject(JsonNode error, int defaultStatus, String model,
      Duration retryAfter) {
    String type = error.path("type").asText("");
    String message = error.path("message").asText(type.isEmpty() ? "anthropic reported an error" : type);
    return map(statusOf(type, defaultStatus), type, message, model, retryAfter);
  }

  /** The HTTP status Anthropic documents for each error type. */
  static int statusOf(String type, int otherwise) {
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "api_error" -> 500;
      case "timeout_error" -> 504;
      case "overloaded_error" -> 529;
      default -> otherwise;
    };
  }

  private static ProviderException map(int status, String type, String message, String model, Duration retryAfter) {
    String provider = AnthropicProvider.NAME;
    if (status == 400 && CONTEXT_LIMIT.matcher(message).find()) {
      return new ContextWindowExceededException(message, provider, model);
    }
    if (status == 413 || "request_too_large".equals(type)) {
      return ErrorMapping.fromStatus(400, message, provider, model, null); // context pattern, else BadRequest
    }
    if (status == 504 || "timeout_error".equals(type)) {
      return new TimeoutException(message, provider, model);
    }
    if ("overloaded_error".equals(type)) {
      return ErrorMapping.fromStatus(529, message, provider, model, retryAfter);
    }
    return ErrorMapping.fromStatus(status, message, provider, model, retryAfter);
  }
}
