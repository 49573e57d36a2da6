package dev.tollgate.gateway;

import dev.tollgate.gateway.models.Router;

/**
 * The immutable snapshot a running gateway serves from: routing, the master key, global parameter handling and
 * request limits. A reload builds a new snapshot and swaps it whole.
 *
 * @param customKeyHeader {@code general_settings.litellm_key_header_name}, or null
 * @param maxBodyBytes requests with larger bodies are refused with 413
 */
public record GatewaySettings(
    Router router, String masterKey, String customKeyHeader, boolean dropParams, long maxBodyBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
}
