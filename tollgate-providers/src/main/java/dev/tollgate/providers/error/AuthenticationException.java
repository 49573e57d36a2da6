package dev.tollgate.providers.error;

/** 401: the provider rejected the credentials. */
public class AuthenticationException extends ProviderException {
  public AuthenticationException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public AuthenticationException(String message, String provider, String model, Throwable cause) {
    super(401, "authentication_error", null, null, message, provider, model, cause);
  }
}
