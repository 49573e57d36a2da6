package dev.tollgate.providers.error;

/** 408: the provider did not answer within the timeout. */
public class TimeoutException extends ProviderException {
  public TimeoutException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public TimeoutException(String message, String provider, String model, Throwable cause) {
    super(408, "timeout", null, null, message, provider, model, cause);
  }
}
