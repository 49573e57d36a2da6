package dev.tollgate.providers.error;

/** 502: a proxy in front of the provider failed. */
public class BadGatewayException extends ProviderException {
  public BadGatewayException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public BadGatewayException(String message, String provider, String model, Throwable cause) {
    super(502, "api_error", null, null, message, provider, model, cause);
  }
}
