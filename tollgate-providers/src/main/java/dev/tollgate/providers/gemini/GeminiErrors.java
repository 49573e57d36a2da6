package dev.tollgate.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Google's error envelope ({@code {"error":{"code","message","status","details"}}}, google.rpc.Status) as typed
 * errors, by the {@code status} name first and the HTTP status otherwise. Gemini answers a bad API key with 400
 * INVALID_ARGUMENT (reason {@code API_KEY_INVALID}); that is an AuthenticationError (401) for clients. Token-limit
 * messages are ContextWindowExceeded; RESOURCE_EXHAUSTED keeps the {@code RetryInfo} delay (or retry-after header).
 */
public final class GeminiErrors {
  private static final Pattern TOKEN_LIMIT = Pattern.compile(
      "exceeds the maximum number of tokens|input token count|token count .* exceeds|too many tokens"
          + "|context (?:length|window)", Pattern.CASE_INSENSITIVE);

  private GeminiErrors() {}

  public static ProviderException fromReply(HttpReply reply, String provider, String model) {
    JsonNode error = errorNode(reply.body());
    String message = error != null && error.hasNonNull("message")
        ? error.get("message").asText() : ErrorMapping.messageOf(reply.body());
    if (message.isBlank()) {
      message = provider + " returned HTTP " + reply.status() + " with an empty body";
    }
    Duration retryAfter = ErrorMapping.retryAfter(reply);
    if (retryAfter == null && error != null) {
      retryAfter = retryInfo(error);
    }
    return fromError(reply.status(), error, message, provider, model, retryAfter);
  }

  /** An error object met inside a stream ({@code data: {"error": {...}}}). */
  public static ProviderException fromStreamError(JsonNode error, String provider, String model) {
    int code = error.path("code").asInt(500);
    String message = error.path("message").asText("the " + provider + " stream reported an error");
    return fromError(code >= 400 && code < 600 ? code : 500, error, message, provider, model, retryInfo(error));
  }

  private static ProviderException fromError(
      int httpStatus, JsonNode error, String message, String provider, String model, Duration retryAfter) {
    String status = error == null ? "" : error.path("status").asText("");
    switch (status) {
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> {
        if (hasReason(error, "API_KEY_INVALID") || message.contains("API key not valid")) {
          return new AuthenticationException(message, provider, model);
        }
        if (TOKEN_LIMIT.matcher(message).find()) {
          return new ContextWindowExceededException(message, provider, model);
        }
        return ErrorMapping.fromStatus(400, message, provider, model, null);
      }
      case "UNAUTHENTICATED" -> {
        return new AuthenticationException(message, provider, model);
      }
      case "PERMISSION_DENIED" -> {
        return ErrorMapping.fromStatus(403, message, provider, model, null);
      }
      case "NOT_FOUND" -> {
        return ErrorMapping.fromStatus(404, message, provider, model, null);
      }
      case "RESOURCE_EXHAUSTED" -> {
        return new RateLimitException(message, provider, model, retryAfter);
      }
      case "UNAVAILABLE" -> {
        return ErrorMapping.fromStatus(503, message, provider, model, null);
      }
      case "DEADLINE_EXCEEDED" -> {
        return new TimeoutException(message, provider, model);
      }
      default -> {
        if (httpStatus == 400 && TOKEN_LIMIT.matcher(message).find()) {
          return new ContextWindowExceededException(message, provider, model);
        }
        return ErrorMapping.fromStatus(httpStatus, message, provider, model, retryAfter);
      }
    }
  }

  /** A prompt Gemini refused to answer ({@code promptFeedback.blockReason}, sent with HTTP 200). */
  static ContentPolicyViolationException blocked(JsonNode feedback, String provider, String model) {
    String reason = feedback.path("blockReason").asText("BLOCKED");
    String detail = feedback.path("blockReasonMessage").asText("");
    return new ContentPolicyViolationException(
        provider + " blocked the prompt (blockReason " + reason + ")" + (detail.isEmpty() ? "" : ": " + detail),
        provider, model);
  }

  private static JsonNode errorNode(byte[] body) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null && root.isArray() && !root.isEmpty()) {
        root = root.get(0); // streamGenerateContent without alt=sse wraps errors in an array
      }
      JsonNode error = root == null ? null : root.get("error");
      return error != null && error.isObject() ? error : null;
    } catch (Exception notJson) {
      return null;
    }
  }

  private static boolean hasReason(JsonNode error, String reason) {
    for (JsonNode detail : error.path("details")) {
      if (reason.equals(detail.path("reason").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The {@code google.rpc.RetryInfo} delay ({@code "retryDelay": "17s"}), or null. */
  private static Duration retryInfo(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      String delay = detail.path("retryDelay").asText("");
      if (delay.endsWith("s")) {
        try {
          return Duration.ofMillis((long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
        } catch (NumberFormatException ignored) {
          return null;
        }
      }
    }
    return null;
  }
}
