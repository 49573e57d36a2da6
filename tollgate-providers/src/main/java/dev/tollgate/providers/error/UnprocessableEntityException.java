package dev.tollgate.providers.error;

/** 422: the provider could not process the request. */
public class UnprocessableEntityException extends ProviderException {
  public UnprocessableEntityException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public UnprocessableEntityException(String message, String provider, String model, Throwable cause) {
    super(422, "invalid_request_error", null, null, message, provider, model, cause);
  }
}
