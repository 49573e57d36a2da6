package dev.tollgate.providers.error;

/** 400: the request is invalid for this provider. */
public class BadRequestException extends ProviderException {
  public BadRequestException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public BadRequestException(String message, String provider, String model, Throwable cause) {
    this(message, null, null, provider, model, cause);
  }

  protected BadRequestException(
      String message, String code, String param, String provider, String model, Throwable cause) {
    super(400, "invalid_request_error", code, param, message, provider, model, cause);
  }
}
