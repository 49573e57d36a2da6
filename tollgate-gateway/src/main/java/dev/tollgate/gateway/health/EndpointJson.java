package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Set;

/**
 * One deployment's entry in LiteLLM's health replies ({@code healthy_endpoints} / {@code unhealthy_endpoints} of
 * {@code GET /health}, {@code result} of {@code POST /health/test_connection}): the display-safe subset of its
 * {@code litellm_params} (LiteLLM's {@code HEALTH_DISPLAY_PARAMS}: {@code model}, {@code api_base},
 * {@code api_version}, regions, {@code rpm}/{@code tpm}, ... and never a credential), its {@code model_id}, and for an
 * unhealthy one the {@code error} and {@code exception_status}.
 */
final class EndpointJson {
  static final Set<String> DISPLAY_PARAMS = Set.of(
      "model", "mode_error", "api_base", "api_version", "aws_bedrock_runtime_endpoint", "custom_llm_provider",
      "mode", "base_model", "aws_region_name", "region_name", "watsonx_region_name", "vertex_project",
      "vertex_location", "tpm", "rpm");

  private EndpointJson() {}

  /**
   * @param params the deployment's {@code litellm_params} (only {@link #DISPLAY_PARAMS} are copied)
   * @param modelId the deployment's id, or null (a model being tested before it is saved)
   */
  static ObjectNode of(JsonNode params, String modelId, ProbeResult result) {
    ObjectNode out = Json.object();
    params.properties().forEach(e -> {
      if (DISPLAY_PARAMS.contains(e.getKey()) && !e.getValue().isNull()) {
        out.set(e.getKey(), e.getValue());
      }
    });
    result.headers().forEach(out::put);
    if (!result.healthy()) {
      out.put("error", result.error());
    }
    if (modelId != null) {
      out.put("model_id", modelId);
      if (!result.healthy()) {
        out.put("exception_status", result.status() != null ? result.status() : 500);
      }
    }
    return out;
  }

  /** LiteLLM's {@code /health} reply over entries already split. */
  static ObjectNode report(List<ObjectNode> healthy, List<ObjectNode> unhealthy) {
    ObjectNode out = Json.object();
    out.putArray("healthy_endpoints").addAll(healthy);
    out.putArray("unhealthy_endpoints").addAll(unhealthy);
    out.put("healthy_count", healthy.size());
    out.put("unhealthy_count", unhealthy.size());
    return out;
  }
}
