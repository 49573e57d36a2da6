package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock errors to typed exceptions. The exception name comes in the {@code x-amzn-ErrorType} header
 * ({@code ThrottlingException:http://internal.amazon.com/coral/...}) of an HTTP error, or in the
 * {@code :exception-type} header ({@code throttlingException}) of a stream's exception frame; the message in the JSON
 * body's {@code message} (or {@code Message}). The name decides the status; a {@code ValidationException} that says
 * the input is too long becomes a context-window error through the shared message patterns.
 */
final class BedrockErrors {
  /** Exception name (lower case) to the status Tollgate answers with. */
  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("validationexception", 400),
      Map.entry("accessdeniedexception", 403),
      Map.entry("unrecognizedclientexception", 401),
      Map.entry("invalidsignatureexception", 401),
      Map.entry("incompletesignatureexception", 401),
      Map.entry("missingauthenticationtokenexception", 401),
      Map.entry("expiredtokenexception", 401),
      Map.entry("signaturedoesnotmatch", 401),
      Map.entry("resourcenotfoundexception", 404),
      Map.entry("modeltimeoutexception", 408),
      Map.entry("throttlingexception", 429),
      Map.entry("servicequotaexceededexception", 429),
      Map.entry("modelnotreadyexception", 503),
      Map.entry("serviceunavailableexception", 503),
      Map.entry("internalserverexception", 500),
      Map.entry("modelerrorexception", 500),
      Map.entry("modelstreamerrorexception", 500));

  private BedrockErrors() {}

  static ProviderException fromReply(HttpReply reply, String model) {
    String type = exceptionName(reply.header("x-amzn-errortype"));
    String message = message(reply.body());
    if (message.isBlank()) {
      message = "bedrock returned HTTP " + reply.status() + (type == null ? "" : " " + type) + " with no message";
    }
    Integer status = type == null ? null : STATUS.get(type.toLowerCase(Locale.ROOT));
    return typed(status != null ? status : reply.status(), type, message, model, ErrorMapping.retryAfter(reply));
  }

  /** An exception frame of a ConverseStream reply. */
  static ProviderException fromStreamException(String exceptionType, byte[] payload, String model) {
    String message = message(payload);
    Integer status = exceptionType == null ? null : STATUS.get(exceptionType.toLowerCase(Locale.ROOT));
    return typed(status != null ? status : 500, exceptionType,
        message.isBlank() ? "bedrock stream failed: " + exceptionType : message, model, null);
  }

  private static ProviderException typed(int status, String type, String message, String model, Duration retry) {
    String shown = type == null ? message : type + ": " + message;
    return switch (status) {
      case 401 -> new AuthenticationException(shown, BedrockSettings.PROVIDER, model);
      case 429 -> new RateLimitException(shown, BedrockSettings.PROVIDER, model, retry);
      case 503 -> new ServiceUnavailableException(shown, BedrockSettings.PROVIDER, model);
      case 500 -> new InternalServerException(shown, BedrockSettings.PROVIDER, model);
      default -> ErrorMapping.fromStatus(status, shown, BedrockSettings.PROVIDER, model, retry);
    };
  }

  /** {@code ThrottlingException:http://internal...} is {@code ThrottlingException}. */
  static String exceptionName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int colon = header.indexOf(':');
    return (colon < 0 ? header : header.substring(0, colon)).trim();
  }

  private static String message(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root != null && root.isObject()) {
        for (String key : new String[] {"message", "Message"}) {
          if (root.hasNonNull(key)) {
            return root.get(key).asText();
          }
        }
      }
    } catch (Exception notJson) {
      // the text itself below
    }
    return ErrorMapping.messageOf(body);
  }
}
