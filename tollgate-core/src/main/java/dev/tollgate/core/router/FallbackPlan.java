package dev.tollgate.core.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fallback groups a request tries after its model group's retries are spent, in order. The request's own
 * {@code fallbacks} replace the configured ones; otherwise the error picks the list ({@code context_window_fallbacks}
 * for a context-window error, {@code content_policy_fallbacks} for a content-policy error, {@code fallbacks} for the
 * rest), looked up by the group's name, then {@code "*"}, then (for {@code fallbacks} only, as LiteLLM treats
 * {@code default_fallbacks} as a generic {@code "*"} entry) {@code default_fallbacks}. There are none when the request
 * disables fallbacks, or for a malformed request (a plain 400), which another model would reject just the same.
 * {@code max_fallbacks} is applied by the caller, which skips entries that name nothing.
 */
final class FallbackPlan {
  private FallbackPlan() {}

  static List<String> groupsFor(RouterOptions options, RouteRequest request, String group, ErrorKind kind) {
    if (request.disableFallbacks() || kind == ErrorKind.BAD_REQUEST) {
      return List.of();
    }
    List<String> list;
    if (request.fallbacks() != null) {
      list = request.fallbacks();
    } else {
      Map<String, List<String>> byGroup = switch (kind) {
        case CONTEXT_WINDOW_EXCEEDED -> options.contextWindowFallbacks();
        case CONTENT_POLICY_VIOLATION -> options.contentPolicyFallbacks();
        default -> options.fallbacks();
      };
      list = byGroup.get(group);
      if (list == null) {
        list = byGroup.get("*");
      }
      if (list == null && byGroup == options.fallbacks()) {
        list = options.defaultFallbacks();
      }
    }
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(list.size());
    for (String name : list) {
      if (name != null && !name.isBlank() && !name.equals(group) && !out.contains(name)) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }
}
