package dev.tollgate.providers.error;

/** 400: the request uses a parameter this provider does not accept (set {@code drop_params} to drop it instead). */
public class UnsupportedParamsException extends BadRequestException {
  public UnsupportedParamsException(String param, String provider, String model) {
    super(
        provider + " does not support parameter '" + param + "'. To drop unsupported parameters instead, set"
            + " drop_params: true (litellm_settings, the deployment, or the request).",
        "unsupported_parameter",
        param,
        provider,
        model,
        null);
  }

  /** With a provider-specific explanation, for parameters whose remedy is not (only) {@code drop_params}. */
  public UnsupportedParamsException(String param, String message, String provider, String model) {
    super(message, "unsupported_parameter", param, provider, model, null);
  }
}
