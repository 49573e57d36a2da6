package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import java.util.List;

/**
 * What the response cache does for one request: its key, whether to look up and whether to store, with which TTL and
 * maximum age. Made from the raw body before the control fields are stripped. {@link #of} returns null when caching
 * does not apply (off, a call type not in {@code supported_call_types}, {@code mode: default_off} without
 * {@code use-cache: true}, or a {@code mock_response} request).
 */
public record CachePlan(CacheSettings settings, String key, CacheControls controls, String namespace) {
  private static final String MESSAGES = "anthropic_messages";
  /** Added to a {@code /v1/messages} body before hashing (documented in docs/caching.md). */
  static final String ENDPOINT_FIELD = "tollgate_endpoint";

  /** The key of another body under this plan's namespace (an embedding batch's single items). */
  public String keyOf(String group, ObjectNode body) {
    return CacheKey.of(group, body, namespace);
  }

  /** Whether to serve from the cache ({@code no-cache} skips the lookup). */
  public boolean lookup() {
    return !controls.noCache();
  }

  /** Whether to store the answer ({@code no-store} skips it). */
  public boolean store() {
    return !controls.noStore();
  }

  /**
   * @param callType {@code acompletion} or {@code aembedding}
   * @param group the model group the request resolved to
   * @param allowedControls the key's {@code allowed_cache_controls}; null or empty allows every control
   * @throws ApiError 400 for malformed controls, 403 for a control the key may not use
   */
  public static CachePlan of(CacheSettings settings, String callType, String group, ObjectNode body,
      List<String> allowedControls) {
    return of(settings, callType, group, body, allowedControls, null);
  }

  /**
   * As above; {@code userAllowedControls} are the {@code allowed_cache_controls} of the key's user (null or empty:
   * any). A control must be allowed by both lists.
   *
   * @throws ApiError 403 for a control the key or its user may not use
   */
  public static CachePlan of(CacheSettings settings, String callType, String group, ObjectNode body,
      List<String> allowedControls, List<String> userAllowedControls) {
    CacheControls controls = CacheControls.of(body);
    refuseOutside(controls, allowedControls, "this key's");
    refuseOutside(controls, userAllowedControls, "this key's user's");
    if (!settings.caches(callType) || (!settings.defaultOn() && !controls.useCache())
        || body.has("mock_response")) {
      return null;
    }
    String namespace = namespace(settings, controls, body);
    ObjectNode keyed = body;
    if (MESSAGES.equals(callType)) { // an Anthropic body can look like a chat body: keep their entries apart
      keyed = body.deepCopy().put(ENDPOINT_FIELD, MESSAGES);
    }
    return new CachePlan(settings, CacheKey.of(group, keyed, namespace), controls, namespace);
  }

  /** A 403 naming the first control {@code controls} used that {@code allowed} (when not empty) lacks. */
  private static void refuseOutside(CacheControls controls, List<String> allowed, String whose) {
    if (allowed == null || allowed.isEmpty()) {
      return;
    }
    for (String used : controls.named()) {
      if (!allowed.contains(used)) {
        throw new ApiError(403, "forbidden", "Not allowed to set '" + used + "' as a cache control; " + whose
            + " allowed_cache_controls are " + allowed, "cache");
      }
    }
  }

  /** {@code cache.namespace} > {@code metadata.redis_namespace} > {@code cache_params.namespace}. */
  static String namespace(CacheSettings settings, CacheControls controls, ObjectNode body) {
    if (controls.namespace() != null) {
      return controls.namespace();
    }
    JsonNode meta = body.path("metadata").get("redis_namespace");
    if (meta != null && meta.isTextual() && !meta.asText().isBlank()) {
      return meta.asText();
    }
    return settings.namespace();
  }
}
