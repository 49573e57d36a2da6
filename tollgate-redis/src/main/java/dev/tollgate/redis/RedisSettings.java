package dev.tollgate.redis;

import java.time.Duration;

/**
 * Where the shared Redis is and how patient to be with it.
 *
 * @param connectionString {@code redis://host:port/db} (or {@code rediss://}); may carry {@code user:password@}
 * @param user ACL user, or null
 * @param password or null
 * @param timeout how long a request may wait for Redis before the caller falls back to local state
 * @param keyPrefix prefix of every key and channel this gateway writes (e.g. {@code tollgate:})
 */
public record RedisSettings(String connectionString, String user, String password, Duration timeout,
    String keyPrefix) {
  /** LiteLLM's {@code REDIS_SOCKET_TIMEOUT} is 0.1 s; a rate-limit decision should wait far less. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(20);
  public static final String DEFAULT_PREFIX = "tollgate:";

  public RedisSettings {
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    keyPrefix = keyPrefix == null ? DEFAULT_PREFIX : keyPrefix;
  }

  /** {@code redis://host:port/db} with the default timeout and prefix. */
  public static RedisSettings of(String host, int port, String password, Integer db) {
    String url = "redis://" + host + ":" + port + (db != null ? "/" + db : "");
    return new RedisSettings(url, null, password, null, null);
  }

  public RedisSettings withTimeout(Duration value) {
    return new RedisSettings(connectionString, user, password, value, keyPrefix);
  }

  public RedisSettings withKeyPrefix(String value) {
    return new RedisSettings(connectionString, user, password, timeout, value);
  }

  /** The address without credentials, for logs. */
  public String display() {
    String s = connectionString;
    int at = s.lastIndexOf('@');
    int scheme = s.indexOf("://");
    return at > 0 && scheme >= 0 ? s.substring(0, scheme + 3) + "***@" + s.substring(at + 1) : s;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "RedisSettings[" + display() + ", timeout=" + timeout + ", keyPrefix=" + keyPrefix + "]";
  }
}
