package dev.tollgate.providers.error;

/** 403: the credentials may not use this resource. */
public class PermissionDeniedException extends ProviderException {
  public PermissionDeniedException(String message, String provider, String model) {
    this(message, provider, model, null);
  }

  public PermissionDeniedException(String message, String provider, String model, Throwable cause) {
    super(403, "permission_denied_error", null, null, message, provider, model, cause);
  }
}
