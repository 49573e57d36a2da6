package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.LitellmSettings;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiteLLM's response cache as configured: {@code litellm_settings.cache: true} plus {@code cache_params}. Read once
 * per settings snapshot. Types other than {@code local} and {@code redis} load with a startup warning and turn
 * response caching off, so a config written for LiteLLM still starts.
 *
 * @param type {@link Type#OFF} when caching is not configured or not supported
 * @param ttlSeconds {@code cache_params.ttl}, or null
 * @param inMemoryTtlSeconds {@code default_in_memory_ttl}, or null
 * @param redisTtlSeconds {@code default_in_redis_ttl}, or null
 * @param namespace {@code cache_params.namespace}, or null
 * @param defaultOn {@code mode: default_on} (the default); false for {@code default_off}: a request opts in with
 *     {@code cache: {"use-cache": true}}
 * @param callTypes the call types served from the cache (normalized to {@code acompletion} / {@code aembedding} /
 *     {@code anthropic_messages}); empty = no response caching
 * @param maxEntries bound on the in-memory cache's entries ({@code cache_params.max_size_in_memory}, default 10000)
 * @param maxBytes bound on the in-memory cache's stored bytes (default 64 MiB)
 * @param similarityThreshold {@link Type#SEMANTIC}: the cosine similarity a stored prompt needs to answer (0..1)
 * @param embeddingModel {@link Type#SEMANTIC}: the model group that embeds prompts, or null
 */
public record CacheSettings(Type type, Long ttlSeconds, Long inMemoryTtlSeconds, Long redisTtlSeconds,
    String namespace, boolean defaultOn, Set<String> callTypes, long maxEntries, long maxBytes,
    double similarityThreshold, String embeddingModel) {
  private static final Logger LOG = LoggerFactory.getLogger(CacheSettings.class);
  /** Tollgate's TTL when the config names none (LiteLLM's in-memory cache keeps entries 10 minutes). */
  public static final long DEFAULT_TTL_SECONDS = 600;
  public static final long DEFAULT_MAX_ENTRIES = 10_000;
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
  private static final Set<String> ALL = Set.of("acompletion", "aembedding", "anthropic_messages");
  private static final CacheSettings OFF = new CacheSettings(Type.OFF, null, null, null, null, true, Set.of(),
      DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
  /** LiteLLM's documented example threshold; Tollgate's default when the config names none. */
  public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.8;

  /**
   * Where entries live. {@code SEMANTIC} ({@code redis-semantic} / {@code qdrant-semantic} in the config): exact
   * entries in memory plus an in-process vector index of prompts ({@link SemanticIndex}).
   */
  public enum Type {
    OFF, LOCAL, REDIS, SEMANTIC
  }

  /** Settings without semantic matching. */
  public CacheSettings(Type type, Long ttlSeconds, Long inMemoryTtlSeconds, Long redisTtlSeconds, String namespace,
      boolean defaultOn, Set<String> callTypes, long maxEntries, long maxBytes) {
    this(type, ttlSeconds, inMemoryTtlSeconds, redisTtlSeconds, namespace, defaultOn, callTypes, maxEntries,
        maxBytes, DEFAULT_SIMILARITY_THRESHOLD, null);
  }

  public CacheSettings {
    callTypes = Set.copyOf(callTypes);
  }

  public static CacheSettings off() {
    return OFF;
  }

  /** Whether requests of {@code callType} ({@code acompletion}, {@code aembedding}, ...) use the cache. */
  public boolean caches(String callType) {
    return type != Type.OFF && callTypes.contains(callType);
  }

  /** The TTL of a new entry when the request names none. */
  public long defaultTtlSeconds() {
    if (ttlSeconds != null) {
      return ttlSeconds;
    }
    Long specific = type == Type.REDIS ? redisTtlSeconds : inMemoryTtlSeconds;
    return specific != null ? specific : DEFAULT_TTL_SECONDS;
  }

  /** Reads {@code litellm_settings.cache} / {@code cache_params}; warns about what it does not support. */
  public static CacheSettings read(LitellmSettings litellm) {
    if (litellm == null || !Boolean.TRUE.equals(litellm.cache())) {
      return OFF;
    }
    JsonNode p = litellm.cacheParams();
    if (p != null && !p.isNull() && !p.isObject()) {
      throw new ConfigException("litellm_settings.cache_params must be a mapping");
    }
    JsonNode params = p == null || p.isNull() ? dev.tollgate.providers.types.Json.object() : p;
    String typeName = text(params, "type");
    typeName = typeName == null ? "local" : typeName.toLowerCase(Locale.ROOT);
    Type type = switch (typeName) {
      case "local" -> Type.LOCAL;
      case "redis" -> Type.REDIS;
      case "redis-semantic", "qdrant-semantic" -> Type.SEMANTIC;
      default -> {
        LOG.warn("litellm_settings.cache_params.type '{}' is not supported by Tollgate: response caching is off "
            + "(supported: local, redis; see docs/caching.md)", typeName);
        yield Type.OFF;
      }
    };
    String mode = text(params, "mode");
    boolean defaultOn = mode == null || mode.equalsIgnoreCase("default_on");
    if (!defaultOn && !mode.equalsIgnoreCase("default_off")) {
      throw new ConfigException("litellm_settings.cache_params.mode must be default_on or default_off, got '"
          + mode + "'");
    }
    String embeddingModel = null;
    double threshold = DEFAULT_SIMILARITY_THRESHOLD;
    if (type == Type.SEMANTIC) {
      embeddingModel = text(params, typeName.startsWith("redis") ? "redis_semantic_cache_embedding_model"
          : "qdrant_semantic_cache_embedding_model");
      if (embeddingModel == null) {
        throw new ConfigException("litellm_settings.cache_params: type " + typeName + " needs "
            + (typeName.startsWith("redis") ? "redis" : "qdrant")
            + "_semantic_cache_embedding_model (a model_name of an embedding model)");
      }
      JsonNode t = params.get("similarity_threshold");
      if (t != null && !t.isNull()) {
        threshold = t.asDouble(-1);
        if (threshold < 0 || threshold > 1) {
          throw new ConfigException("litellm_settings.cache_params.similarity_threshold must be between 0 and 1");
        }
      }
      LOG.warn("litellm_settings.cache_params.type {}: Tollgate keeps the vectors in an in-process index and the "
          + "answers in memory (no {} connection is used; entries are per instance); see docs/caching.md",
          typeName, typeName.startsWith("redis") ? "Redis" : "Qdrant");
    }
    return new CacheSettings(type, seconds(params, "ttl"), seconds(params, "default_in_memory_ttl"),
        seconds(params, "default_in_redis_ttl"), text(params, "namespace"), defaultOn, callTypes(params),
        positive(params, "max_size_in_memory", DEFAULT_MAX_ENTRIES),
        positive(params, "max_bytes_in_memory", DEFAULT_MAX_BYTES), threshold, embeddingModel);
  }

  private static Set<String> callTypes(JsonNode params) {
    JsonNode list = params.get("supported_call_types");
    if (list == null || list.isNull()) {
      return ALL;
    }
    if (!list.isArray()) {
      throw new ConfigException("litellm_settings.cache_params.supported_call_types must be a list");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : list) {
      String name = n.asText();
      switch (name) {
        case "acompletion", "completion" -> out.add("acompletion");
        case "aembedding", "embedding" -> out.add("aembedding");
        case "anthropic_messages" -> out.add("anthropic_messages");
        default -> LOG.warn("litellm_settings.cache_params.supported_call_types: '{}' is not cached by Tollgate "
            + "(only completion and embedding calls are)", name);
      }
    }
    return out;
  }

  private static Long seconds(JsonNode params, String field) {
    JsonNode n = params.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    double value;
    if (n.isNumber()) {
      value = n.asDouble();
    } else {
      try {
        value = Double.parseDouble(n.asText().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException("litellm_settings.cache_params." + field + " must be a number of seconds");
      }
    }
    if (value <= 0) {
      throw new ConfigException("litellm_settings.cache_params." + field + " must be positive");
    }
    return (long) Math.ceil(value);
  }

  private static long positive(JsonNode params, String field, long fallback) {
    Long value = seconds(params, field);
    return value == null ? fallback : value;
  }

  private static String text(JsonNode params, String field) {
    JsonNode n = params.get(field);
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
  }
}
