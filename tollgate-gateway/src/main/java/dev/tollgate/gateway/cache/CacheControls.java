package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's own cache controls, from its body's {@code cache} object (the OpenAI SDKs send it through
 * {@code extra_body}, which lands at the top level; a literal {@code extra_body.cache} is read too).
 *
 * @param noCache {@code no-cache: true}: skip the lookup, get a fresh answer (it is still stored)
 * @param noStore {@code no-store: true}: do not store the answer
 * @param ttlSeconds {@code ttl}: how long to store the answer, or null
 * @param sMaxAgeSeconds {@code s-maxage}: accept only an entry younger than this, or null
 * @param namespace {@code namespace}, or null
 * @param useCache {@code use-cache: true}: opts in under {@code mode: default_off}
 * @param named the control names the request used (for a key's {@code allowed_cache_controls})
 */
public record CacheControls(boolean noCache, boolean noStore, Long ttlSeconds, Long sMaxAgeSeconds,
    String namespace, boolean useCache, List<String> named) {
  public static final CacheControls NONE = new CacheControls(false, false, null, null, null, false, List.of());

  public CacheControls {
    named = List.copyOf(named);
  }

  /** The controls in {@code body}; 400 for a {@code cache} that is not an object or a malformed value. */
  public static CacheControls of(ObjectNode body) {
    JsonNode cache = body.get("cache");
    if (cache == null || cache.isNull()) {
      cache = body.path("extra_body").get("cache");
    }
    if (cache == null || cache.isNull()) {
      return NONE;
    }
    if (!cache.isObject()) {
      throw ApiError.badRequest("'cache' must be an object such as {\"no-cache\": true}", "cache");
    }
    List<String> named = new ArrayList<>();
    cache.fieldNames().forEachRemaining(named::add);
    JsonNode ns = cache.get("namespace");
    return new CacheControls(flag(cache, "no-cache"), flag(cache, "no-store"), seconds(cache, "ttl"),
        seconds(cache, "s-maxage"), ns == null || ns.isNull() || ns.asText().isBlank() ? null : ns.asText(),
        flag(cache, "use-cache"), named);
  }

  private static boolean flag(JsonNode cache, String name) {
    JsonNode n = cache.get(name);
    return n != null && (n.asBoolean(false) || "true".equalsIgnoreCase(n.asText()));
  }

  private static Long seconds(JsonNode cache, String name) {
    JsonNode n = cache.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      double v = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return (long) Math.ceil(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("cache." + name + " must be a number of seconds", "cache");
    }
  }
}
