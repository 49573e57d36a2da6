package dev.tollgate.providers.error;

/** 404: the model or resource does not exist at the provider. */
public class NotFoundException extends ProviderException {
  public NotFoundException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public NotFoundException(String message, String provider, String model, Throwable cause) {
    super(404, "not_found_error", null, null, message, provider, model, cause);
  }
}
