package dev.tollgate.gateway;

import dev.tollgate.gateway.models.Router;
import java.time.Duration;

/**
 * The immutable snapshot a running gateway serves from: routing, the master key, global parameter handling and
 * request limits. A reload builds a new snapshot and swaps it whole.
 *
 * @param customKeyHeader {@code general_settings.litellm_key_header_name}, or null
 * @param maxBodyBytes requests with larger bodies are refused with 413
 * @param spendFlushInterval {@code general_settings.proxy_batch_write_at}: how often queued spend is written
 */
public record GatewaySettings(
    Router router, String masterKey, String customKeyHeader, boolean dropParams, long maxBodyBytes,
    Duration spendFlushInterval) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  /** Tollgate writes spend every second by default (LiteLLM: 10 s); see docs/configuration.md. */
  public static final Duration DEFAULT_SPEND_FLUSH_INTERVAL = Duration.ofSeconds(1);

  public GatewaySettings {
    spendFlushInterval = spendFlushInterval == null ? DEFAULT_SPEND_FLUSH_INTERVAL : spendFlushInterval;
  }

  public GatewaySettings(Router router, String masterKey, String customKeyHeader, boolean dropParams,
      long maxBodyBytes) {
    this(router, masterKey, customKeyHeader, dropParams, maxBodyBytes, DEFAULT_SPEND_FLUSH_INTERVAL);
  }
}
