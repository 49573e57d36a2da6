package dev.tollgate.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * LiteLLM's route-group names a key's {@code allowed_routes} may use instead of paths, with the paths of this gateway
 * each stands for. A pattern ending in {@code *} matches every path that starts with what precedes it. Groups for
 * features Tollgate does not serve yet ({@code mcp_routes}, {@code agent_routes}) are accepted and match nothing.
 */
final class RouteGroups {
  private static final List<String> OPENAI = List.of(
      "/v1/chat/completions", "/chat/completions", "/openai/v1/chat/completions", "/engines/*", "/openai/deployments/*",
      "/v1/completions", "/completions", "/v1/embeddings", "/embeddings", "/openai/v1/embeddings",
      "/v1/models", "/models", "/openai/v1/models", "/v1/models/*", "/models/*", "/openai/v1/models/*",
      "/v1/images/*", "/images/*", "/v1/audio/*", "/audio/*", "/v1/moderations", "/moderations",
      "/v1/responses", "/responses", "/v1/responses/*", "/responses/*", "/v1/rerank", "/rerank");
  private static final List<String> ANTHROPIC = List.of("/v1/messages", "/v1/messages/*");
  private static final List<String> PROVIDER_PASS_THROUGH = List.of(
      "/anthropic/*", "/gemini/*", "/v1beta/*", "/vertex_ai/*", "/vertex-ai/*", "/bedrock/*", "/cohere/*",
      "/azure/*", "/openai/*");
  private static final List<String> INFO = List.of(
      "/key/info", "/key/list", "/key/health", "/team/info", "/team/list", "/user/info", "/user/list",
      "/organization/info", "/organization/list", "/customer/info", "/end_user/info", "/budget/info",
      "/model/info", "/v1/model/info", "/v2/model/info", "/model_group/info", "/spend/logs", "/health");
  private static final List<String> MANAGEMENT = List.of(
      "/key/*", "/user/*", "/team/*", "/organization/*", "/customer/*", "/end_user/*", "/budget/*", "/model/*");
  private static final List<String> GLOBAL_SPEND = List.of("/global/spend/*");
  private static final List<String> PUBLIC = List.of(
      "/", "/routes", "/health/liveliness", "/health/liveness", "/health/readiness");

  static final Map<String, List<String>> GROUPS = Map.ofEntries(
      Map.entry("openai_routes", OPENAI),
      Map.entry("anthropic_routes", ANTHROPIC),
      Map.entry("llm_api_routes", concat(OPENAI, ANTHROPIC, PROVIDER_PASS_THROUGH)),
      Map.entry("info_routes", INFO),
      Map.entry("management_routes", MANAGEMENT),
      Map.entry("spend_tracking_routes", concat(List.of("/spend/*"), GLOBAL_SPEND)),
      Map.entry("global_spend_tracking_routes", GLOBAL_SPEND),
      Map.entry("master_key_only_routes", List.of("/global/spend/reset")),
      Map.entry("public_routes", PUBLIC),
      Map.entry("mcp_routes", List.of()),
      Map.entry("agent_routes", List.of()));

  private RouteGroups() {}

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
