package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.http.ApiError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A virtual key's {@code allowed_routes}, as LiteLLM reads them: empty allows every route; otherwise each entry is a
 * path ({@code /v1/chat/completions}), a path prefix ending in {@code *} ({@code /key/*}), or a route-group name
 * ({@code llm_api_routes}, see {@link RouteGroups}), and the request's path must match one of them.
 */
public final class AllowedRoutes {
  private AllowedRoutes() {}

  /** Throws LiteLLM's 403 when {@code allowed} is not empty and no entry matches {@code path}. */
  public static void check(List<String> allowed, String path) {
    if (allowed.isEmpty() || allows(allowed, path)) {
      return;
    }
    throw new ApiError(403, "auth_error", "Virtual key is not allowed to call this route. Only allowed to call routes: "
        + pythonList(allowed) + ". Tried to call route: " + path, null);
  }

  static boolean allows(List<String> allowed, String path) {
    for (String entry : allowed) {
      List<String> group = RouteGroups.GROUPS.get(entry);
      if (group != null ? group.stream().anyMatch(p -> matches(p, path)) : matches(entry, path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A 400 naming the first entry that is neither a path nor a known group, so a typo does not lock a key out of
   * everything (or, worse, look like a restriction that is not there).
   */
  public static void validate(String field, List<String> entries) {
    for (String entry : entries) {
      if (!entry.startsWith("/") && !RouteGroups.GROUPS.containsKey(entry)) {
        throw ApiError.badRequest("'" + field + "' entry '" + entry + "' is neither a path (starting with '/') nor a "
            + "route group (" + String.join(", ", RouteGroups.GROUPS.keySet().stream().sorted().toList()) + ")",
            field);
      }
    }
  }

  private static boolean matches(String pattern, String path) {
    return pattern.endsWith("*")
        ? path.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(path);
  }

  private static String pythonList(List<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
