package dev.tollgate.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-call settings, as LiteLLM's keyword arguments: credentials and endpoint, timeout, extra headers, and whether to
 * drop parameters the provider rejects. Anything unset falls back to the provider's defaults and the environment.
 */
public record CallOptions(
    String apiKey, String apiBase, String apiVersion, Duration timeout, Map<String, String> headers, Boolean dropParams) {

  public static final CallOptions DEFAULTS = new CallOptions(null, null, null, null, Map.of(), null);

  public CallOptions {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link CallOptions}. */
  public static final class Builder {
    private String apiKey;
    private String apiBase;
    private String apiVersion;
    private Duration timeout;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Boolean dropParams;

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder apiBase(String apiBase) {
      this.apiBase = apiBase;
      return this;
    }

    public Builder apiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder dropParams(boolean dropParams) {
      this.dropParams = dropParams;
      return this;
    }

    public CallOptions build() {
      return new CallOptions(apiKey, apiBase, apiVersion, timeout, headers, dropParams);
    }
  }
}
