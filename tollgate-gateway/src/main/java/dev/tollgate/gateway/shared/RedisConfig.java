package dev.tollgate.gateway.shared;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.redis.RedisSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the Redis that instances share, the way LiteLLM does, first match wins:
 *
 * <ol>
 *   <li>{@code litellm_settings.cache_params} with {@code type: redis} and a {@code host} or {@code url} (LiteLLM's
 *       key limits use this cache's Redis);
 *   <li>{@code router_settings.redis_url} or {@code redis_host} (LiteLLM's router state);
 *   <li>env {@code REDIS_URL}, else env {@code REDIS_HOST}.
 * </ol>
 *
 * Within one source a URL wins over host and port. Fields a source leaves out are taken from env
 * ({@code REDIS_PORT}, {@code REDIS_PASSWORD}, {@code REDIS_USERNAME}, {@code REDIS_SSL}), as LiteLLM's Redis client
 * merges {@code REDIS_*} under explicit arguments; the port defaults to 6379. Env {@code REDIS_SOCKET_TIMEOUT}
 * (seconds) sets how long a request waits for Redis before counting locally (default 20 ms). The environment is the
 * config's ({@link ProxyConfig#environment()}: the process env with {@code environment_variables} on top). Nothing
 * found: empty, and the gateway keeps everything in memory.
 */
public final class RedisConfig {
  private RedisConfig() {}

  public static Optional<RedisSettings> from(ProxyConfig config) {
    Map<String, String> env = config.environment();
    Optional<RedisSettings> found = Optional.empty();
    JsonNode cache = config.litellmSettings().cacheParams();
    if (cache != null && cache.isObject() && "redis".equalsIgnoreCase(text(cache.get("type")))) {
      found = source(name -> text(cache.get(name)), "url", "host", "port", "password", "username", "db", "ssl", env,
          "litellm_settings.cache_params");
    }
    if (found.isEmpty()) {
      Map<String, JsonNode> router = config.routerSettings().extra();
      found = source(name -> text(router.get(name)), "redis_url", "redis_host", "redis_port", "redis_password",
          "redis_username", "redis_db", "redis_ssl", env, "router_settings");
    }
    if (found.isEmpty()) {
      found = source(env::get, "REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "REDIS_USERNAME",
          "REDIS_DB", "REDIS_SSL", env, "env");
    }
    return found.map(s -> s.withTimeout(timeout(env)));
  }

  private static Optional<RedisSettings> source(Function<String, String> get, String urlKey, String hostKey,
      String portKey, String passwordKey, String userKey, String dbKey, String sslKey, Map<String, String> env,
      String where) {
    String url = blankToNull(get.apply(urlKey));
    String host = blankToNull(get.apply(hostKey));
    if (url == null && host == null) {
      return Optional.empty();
    }
    String password = firstNonBlank(get.apply(passwordKey), env.get("REDIS_PASSWORD"));
    String user = firstNonBlank(get.apply(userKey), env.get("REDIS_USERNAME"));
    if (url != null) {
      if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
        throw new ConfigException(where + ": " + urlKey + " must start with redis:// or rediss://");
      }
      return Optional.of(new RedisSettings(url, user, password, null, null));
    }
    int port = number(firstNonBlank(get.apply(portKey), env.get("REDIS_PORT")), 6379, where + "." + portKey);
    String db = blankToNull(get.apply(dbKey));
    boolean ssl = "true".equalsIgnoreCase(firstNonBlank(get.apply(sslKey), env.get("REDIS_SSL")));
    String scheme = ssl ? "rediss://" : "redis://";
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String connection = scheme + hostPart + ":" + port + (db != null ? "/" + number(db, 0, where + "." + dbKey) : "");
    return Optional.of(new RedisSettings(connection, user, password, null, null));
  }

  private static Duration timeout(Map<String, String> env) {
    String value = blankToNull(env.get("REDIS_SOCKET_TIMEOUT"));
    if (value == null) {
      return RedisSettings.DEFAULT_TIMEOUT;
    }
    try {
      double seconds = Double.parseDouble(value.trim());
      return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : RedisSettings.DEFAULT_TIMEOUT;
    } catch (NumberFormatException e) {
      throw new ConfigException("REDIS_SOCKET_TIMEOUT must be a number of seconds, got '" + value + "'");
    }
  }

  private static int number(String value, int fallback, String what) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(what + " must be a whole number, got '" + value + "'");
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String firstNonBlank(String a, String b) {
    String x = blankToNull(a);
    return x != null ? x : blankToNull(b);
  }
}
