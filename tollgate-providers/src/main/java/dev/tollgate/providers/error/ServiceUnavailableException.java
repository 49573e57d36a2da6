package dev.tollgate.providers.error;

/** 503: the provider is overloaded or down. */
public class ServiceUnavailableException extends ProviderException {
  public ServiceUnavailableException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public ServiceUnavailableException(String message, String provider, String model, Throwable cause) {
    super(503, "api_error", null, null, message, provider, model, cause);
  }
}
