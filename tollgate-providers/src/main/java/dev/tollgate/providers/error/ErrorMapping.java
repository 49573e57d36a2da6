package dev.tollgate.providers.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns an upstream HTTP error into a typed {@link ProviderException}: by status first, then by the patterns in the
 * message that LiteLLM also uses (context window, content policy).
 */
public final class ErrorMapping {
  private static final Pattern CONTEXT_WINDOW =
      Pattern.compile(
          "context[_ ]length|maximum context|context window|too many tokens|prompt is too long|input is too long",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTENT_POLICY =
      Pattern.compile(
          "content[_ ](?:management )?policy|content[_ ]filter|safety system|responsibleai", Pattern.CASE_INSENSITIVE);

  private ErrorMapping() {}

  /** Maps an error reply whose body may be OpenAI-shaped ({@code {"error":{"message":..}}}) or anything else. */
  public static ProviderException fromReply(HttpReply reply, String provider, String model) {
    String message = messageOf(reply.body());
    if (message.isBlank()) {
      message = "upstream returned HTTP " + reply.status() + " with an empty body";
    }
    return fromStatus(reply.status(), message, provider, model, retryAfter(reply));
  }

  public static ProviderException fromStatus(
      int status, String message, String provider, String model, Duration retryAfter) {
    return switch (status) {
      case 400 -> badRequest(message, provider, model);
      case 401 -> new AuthenticationException(message, provider, model);
      case 403 -> new PermissionDeniedException(message, provider, model);
      case 404 -> new NotFoundException(message, provider, model);
      case 408 -> new TimeoutException(message, provider, model);
      case 413 -> new ContextWindowExceededException(message, provider, model);
      case 422 -> new UnprocessableEntityException(message, provider, model);
      case 429 -> new RateLimitException(message, provider, model, retryAfter);
      case 502 -> new BadGatewayException(message, provider, model);
      case 503, 529 -> new ServiceUnavailableException(message, provider, model);
      default -> status >= 500
          ? new InternalServerException(message, provider, model)
          : status >= 400 ? badRequest(message, provider, model) : new InternalServerException(message, provider, model);
    };
  }

  private static ProviderException badRequest(String message, String provider, String model) {
    if (CONTEXT_WINDOW.matcher(message).find()) {
      return new ContextWindowExceededException(message, provider, model);
    }
    if (CONTENT_POLICY.matcher(message).find()) {
      return new ContentPolicyViolationException(message, provider, model);
    }
    return new BadRequestException(message, provider, model);
  }

  /** The human message of an error body: {@code error.message}, {@code error} as text, {@code message}, or the text. */
  public static String messageOf(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null && root.isObject()) {
        JsonNode error = root.get("error");
        if (error != null && error.isObject() && error.hasNonNull("message")) {
          String msg = error.get("message").asText();
          JsonNode code = error.get("code");
          if (code != null && code.isTextual()
              && (CONTEXT_WINDOW.matcher(code.asText()).find() || CONTENT_POLICY.matcher(code.asText()).find())) {
            return msg + " [" + code.asText() + "]";
          }
          return msg;
        }
        if (error != null && error.isTextual()) {
          return error.asText();
        }
        if (root.hasNonNull("message")) {
          return root.get("message").asText();
        }
        if (root.hasNonNull("detail")) {
          return root.get("detail").asText();
        }
      }
    } catch (Exception notJson) {
      // fall through to the raw text
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  /** Reads {@code retry-after-ms} or {@code retry-after} (seconds or an HTTP date). */
  public static Duration retryAfter(HttpReply reply) {
    String millis = reply.header("retry-after-ms");
    if (millis != null) {
      try {
        return Duration.ofMillis((long) Double.parseDouble(millis.trim()));
      } catch (NumberFormatException ignored) {
        // try the next header
      }
    }
    String value = reply.header("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US));
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }
}
