package dev.tollgate.providers.error;

/**
 * Base of Tollgate's typed errors, mirroring OpenAI's and LiteLLM's taxonomy. Each carries the HTTP status the gateway
 * answers with, the provider and model that failed, and the upstream's own message.
 */
public class ProviderException extends RuntimeException {
  private final int status;
  private final String provider;
  private final String model;
  private final String type;
  private final String code;
  private final String param;

  public ProviderException(int status, String type, String message, String provider, String model) {
    this(status, type, null, null, message, provider, model, null);
  }

  public ProviderException(
      int status,
      String type,
      String code,
      String param,
      String message,
      String provider,
      String model,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.provider = provider;
    this.model = model;
  }

  /** The HTTP status (408 for timeouts, 500 for connection failures). */
  public int status() {
    return status;
  }

  public String provider() {
    return provider;
  }

  public String model() {
    return model;
  }

  /** OpenAI's {@code error.type}, e.g. {@code invalid_request_error}. */
  public String type() {
    return type;
  }

  /** OpenAI's {@code error.code} when more specific than the status, e.g. {@code context_length_exceeded}. */
  public String code() {
    return code;
  }

  /** The request parameter at fault, when known. */
  public String param() {
    return param;
  }

  /** The upstream's message without provider decoration. */
  public String upstreamMessage() {
    return super.getMessage();
  }

  @Override
  public String getMessage() {
    String where = provider == null ? "" : provider + (model == null ? "" : "/" + model);
    return where.isEmpty() ? super.getMessage() : super.getMessage() + " (" + where + ")";
  }
}
