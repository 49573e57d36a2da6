package dev.tollgate.gateway.http;

/**
 * An error the gateway itself raises (bad input, auth, unknown model), answered in OpenAI's error shape. Provider
 * failures travel as {@code ProviderException} instead.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;

  public ApiError(int status, String type, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.param = param;
  }

  public static ApiError badRequest(String message, String param) {
    return new ApiError(400, "invalid_request_error", message, param);
  }

  public static ApiError auth(String message) {
    return new ApiError(401, "auth_error", message, null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String param() {
    return param;
  }
}
