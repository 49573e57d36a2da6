package dev.tollgate.core.router;

import dev.tollgate.providers.error.APIConnectionException;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadGatewayException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ContentPolicyViolationException;
import dev.tollgate.providers.error.ContextWindowExceededException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.error.PermissionDeniedException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.RateLimitException;
import dev.tollgate.providers.error.ServiceUnavailableException;
import dev.tollgate.providers.error.TimeoutException;
import dev.tollgate.providers.error.UnprocessableEntityException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed attempt's error under LiteLLM's exception names, which are the keys of {@code retry_policy}
 * ({@code <Name>Retries}) and {@code allowed_fails_policy} ({@code <Name>AllowedFails}). The router decides retries,
 * cooldowns and which fallback list applies by kind, so the mapping from Tollgate's typed errors lives in one place.
 */
public enum ErrorKind {
  RATE_LIMIT("RateLimitError"),
  AUTHENTICATION("AuthenticationError"),
  PERMISSION_DENIED("PermissionDeniedError"),
  TIMEOUT("TimeoutError"),
  BAD_REQUEST("BadRequestError"),
  UNPROCESSABLE_ENTITY("UnprocessableEntityError"),
  CONTENT_POLICY_VIOLATION("ContentPolicyViolationError"),
  CONTEXT_WINDOW_EXCEEDED("ContextWindowExceededError"),
  INTERNAL_SERVER("InternalServerError"),
  SERVICE_UNAVAILABLE("ServiceUnavailableError"),
  BAD_GATEWAY("BadGatewayError"),
  NOT_FOUND("NotFoundError"),
  API_CONNECTION("APIConnectionError");

  private final String litellmName;

  ErrorKind(String litellmName) {
    this.litellmName = litellmName;
  }

  /** LiteLLM's exception class name, e.g. {@code RateLimitError}. */
  public String litellmName() {
    return litellmName;
  }

  /** The {@code retry_policy} key for this kind, e.g. {@code RateLimitErrorRetries}. */
  public String retriesKey() {
    return litellmName + "Retries";
  }

  /** The {@code allowed_fails_policy} key for this kind, e.g. {@code RateLimitErrorAllowedFails}. */
  public String allowedFailsKey() {
    return litellmName + "AllowedFails";
  }

  /**
   * The kind of an attempt's error. Wrappers ({@link CompletionException}, {@link ExecutionException}) are looked
   * through; an error that is not a {@link ProviderException} counts as {@link #API_CONNECTION}, LiteLLM's kind for
   * unmapped failures.
   */
  public static ErrorKind of(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof ContextWindowExceededException) {
      return CONTEXT_WINDOW_EXCEEDED;
    }
    if (e instanceof ContentPolicyViolationException) {
      return CONTENT_POLICY_VIOLATION;
    }
    if (e instanceof BadRequestException) {
      return BAD_REQUEST;
    }
    if (e instanceof UnprocessableEntityException) {
      return UNPROCESSABLE_ENTITY;
    }
    if (e instanceof RateLimitException) {
      return RATE_LIMIT;
    }
    if (e instanceof AuthenticationException) {
      return AUTHENTICATION;
    }
    if (e instanceof PermissionDeniedException) {
      return PERMISSION_DENIED;
    }
    if (e instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (e instanceof TimeoutException) {
      return TIMEOUT;
    }
    if (e instanceof APIConnectionException) {
      return API_CONNECTION;
    }
    if (e instanceof BadGatewayException) {
      return BAD_GATEWAY;
    }
    if (e instanceof ServiceUnavailableException) {
      return SERVICE_UNAVAILABLE;
    }
    if (e instanceof InternalServerException) {
      return INTERNAL_SERVER;
    }
    if (e instanceof ProviderException p) {
      return byStatus(p.status());
    }
    return API_CONNECTION;
  }

  private static ErrorKind byStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> AUTHENTICATION;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 408 -> TIMEOUT;
      case 422 -> UNPROCESSABLE_ENTITY;
      case 429 -> RATE_LIMIT;
      case 502 -> BAD_GATEWAY;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 || status < 400 ? INTERNAL_SERVER : BAD_REQUEST;
    };
  }

  /** The error itself, without {@link CompletionException} / {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The HTTP status of an error: the typed error's own, else 500. */
  public static int statusOf(Throwable error) {
    return unwrap(error) instanceof ProviderException p ? p.status() : 500;
  }
}
