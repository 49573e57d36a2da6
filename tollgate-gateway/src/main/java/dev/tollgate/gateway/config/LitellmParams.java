package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One deployment's {@code litellm_params}: how to call the provider. {@code os.environ/} references are already
 * resolved. Every key without a typed field is kept in {@link #extra()} (e.g. {@code temperature}, {@code max_tokens},
 * {@code vertex_project}, {@code aws_region_name}) and is passed to the provider as a request default.
 *
 * @param model {@code <provider>/<model>}, e.g. {@code azure/gpt-4o}, {@code anthropic/*}; never null
 * @param timeout request timeout in seconds
 * @param streamTimeout timeout in seconds used when {@code stream=true}
 * @param maxRetries retries inside the provider client
 * @param numRetries router retries for this deployment
 * @param mockResponse static mock response (usually a string), or null
 * @param maxParallelRequests in-flight calls the router allows this deployment
 * @param cooldownTime seconds this deployment is skipped after it trips (0: never)
 * @param allowedFails failures per minute before it cools down
 */
public record LitellmParams(
    String model,
    String apiKey,
    String apiBase,
    String apiVersion,
    String customLlmProvider,
    String organization,
    Double timeout,
    Double streamTimeout,
    Integer maxRetries,
    Integer numRetries,
    Long rpm,
    Long tpm,
    Double weight,
    Integer order,
    Boolean dropParams,
    List<String> tags,
    JsonNode mockResponse,
    Integer maxParallelRequests,
    Double cooldownTime,
    Integer allowedFails,
    Map<String, JsonNode> extra) {

  /** The YAML keys bound to typed fields (everything else goes to {@link #extra()}). */
  static final Set<String> TYPED_KEYS =
      Set.of(
          "model", "api_key", "api_base", "api_version", "custom_llm_provider", "organization", "timeout",
          "stream_timeout", "max_retries", "num_retries", "rpm", "tpm", "weight", "order", "drop_params", "tags",
          "mock_response", "max_parallel_requests", "cooldown_time", "allowed_fails");

  public LitellmParams {
    tags = tags == null ? List.of() : List.copyOf(tags);
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  /** Binds a {@code litellm_params} mapping; {@code model} must be present (checked by the caller). */
  static LitellmParams bind(Fields f, Long entryRpm, Long entryTpm) {
    Long rpm = f.whole("rpm");
    Long tpm = f.whole("tpm");
    return new LitellmParams(
        f.string("model"),
        f.string("api_key"),
        f.string("api_base"),
        f.string("api_version"),
        f.string("custom_llm_provider"),
        f.string("organization"),
        f.decimal("timeout"),
        f.decimal("stream_timeout"),
        f.integer("max_retries"),
        f.integer("num_retries"),
        rpm != null ? rpm : entryRpm,
        tpm != null ? tpm : entryTpm,
        f.decimal("weight"),
        f.integer("order"),
        f.bool("drop_params"),
        f.strings("tags"),
        f.raw("mock_response"),
        f.integer("max_parallel_requests"),
        f.decimal("cooldown_time"),
        f.integer("allowed_fails"),
        f.map().toJsonMap(TYPED_KEYS));
  }

  /** The mock response when it is a plain string, else null. */
  public String mockResponseText() {
    return mockResponse != null && mockResponse.isTextual() ? mockResponse.textValue() : null;
  }

  /** Does not print {@code api_key} or the values of {@link #extra()}, which may hold credentials. */
  @Override
  public String toString() {
    return "LitellmParams[model="
        + model
        + ", apiBase="
        + apiBase
        + ", apiKey="
        + (apiKey == null ? "null" : "***")
        + ", rpm="
        + rpm
        + ", tpm="
        + tpm
        + ", timeout="
        + timeout
        + ", extraKeys="
        + extra.keySet()
        + "]";
  }
}
