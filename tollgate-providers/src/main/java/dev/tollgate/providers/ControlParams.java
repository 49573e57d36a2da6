package dev.tollgate.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import java.util.Map;
import java.util.Set;

/**
 * Request fields that steer Tollgate (as they steer LiteLLM) and are never sent to a provider: credentials, retries,
 * fallbacks, mocks, caching and logging metadata. Everything else a client sends passes through.
 */
public final class ControlParams {
  public static final Set<String> NAMES = Set.of(
      "api_key", "api_base", "api_version", "base_url", "timeout", "stream_timeout", "num_retries", "max_retries",
      "fallbacks", "context_window_fallbacks", "content_policy_fallbacks", "disable_fallbacks", "mock_response",
      "mock_testing_fallbacks", "mock_testing_context_window_fallbacks", "mock_testing_content_policy_fallbacks",
      "mock_timeout", "metadata", "litellm_metadata", "tags", "cache", "caching", "guardrails", "drop_params",
      "allowed_openai_params", "custom_llm_provider", "extra_headers", "no-log", "litellm_logging_obj",
      "proxy_server_request", "secret_fields", "vertex_project", "vertex_location", "vertex_credentials");

  /** Control fields that configure the provider adapter for this call ({@code CallTarget.settings}). */
  public static final Set<String> ADAPTER_SETTINGS = Set.of("vertex_project", "vertex_location", "vertex_credentials");

  private ControlParams() {}

  public static ChatRequest strip(ChatRequest request) {
    if (!hasAny(request.extra())) {
      return request;
    }
    ChatRequest.Builder builder = request.toBuilder();
    NAMES.forEach(builder::removeExtra);
    return builder.build();
  }

  public static EmbeddingRequest strip(EmbeddingRequest request) {
    if (!hasAny(request.extra())) {
      return request;
    }
    Map<String, JsonNode> kept = new java.util.LinkedHashMap<>(request.extra());
    kept.keySet().removeAll(NAMES);
    return new EmbeddingRequest(
        request.model(), request.input(), request.encodingFormat(), request.dimensions(), request.user(), kept);
  }

  /** Removes the control fields from a request body tree, in place. */
  public static com.fasterxml.jackson.databind.node.ObjectNode strip(
      com.fasterxml.jackson.databind.node.ObjectNode body) {
    body.remove(NAMES);
    return body;
  }

  private static boolean hasAny(Map<String, JsonNode> extra) {
    for (String key : extra.keySet()) {
      if (NAMES.contains(key)) {
        return true;
      }
    }
    return false;
  }
}
