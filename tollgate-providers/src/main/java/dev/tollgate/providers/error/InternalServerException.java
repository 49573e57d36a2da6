package dev.tollgate.providers.error;

/** 500: the provider failed. */
public class InternalServerException extends ProviderException {
  public InternalServerException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public InternalServerException(String message, String provider, String model, Throwable cause) {
    super(500, "api_error", null, null, message, provider, model, cause);
  }
}
