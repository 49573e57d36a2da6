package dev.tollgate.providers.error;

/** The provider could not be reached (connection refused, reset, DNS, TLS). */
public class APIConnectionException extends ProviderException {
  public APIConnectionException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public APIConnectionException(String message, String provider, String model, Throwable cause) {
    super(500, "api_connection_error", null, null, message, provider, model, cause);
  }
}
