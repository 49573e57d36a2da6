package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code general_settings} (the proxy server). Keys without a typed field (e.g. {@code allowed_routes},
 * {@code alerting}, {@code pass_through_endpoints}, {@code store_model_in_db}) are kept in {@link #extra()}.
 *
 * @param masterKey the admin key, already resolved: the file's {@code master_key} (after {@code os.environ/}), or env
 *     {@code LITELLM_MASTER_KEY} when the file has none or it resolves to nothing; null when neither is set
 * @param databaseUrl the file's {@code database_url}, or env {@code DATABASE_URL} when the file has none; may be null
 * @param maxRequestSizeMb maximum request body size in MB, or null
 * @param litellmKeyHeaderName custom header carrying the virtual key, or null
 */
public record GeneralSettings(
    String masterKey,
    String databaseUrl,
    Double maxRequestSizeMb,
    String litellmKeyHeaderName,
    Map<String, JsonNode> extra) {

  static final Set<String> TYPED_KEYS =
      Set.of("master_key", "database_url", "max_request_size_mb", "litellm_key_header_name");

  public GeneralSettings {
    extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** No general_settings in the file: only the env fallbacks apply. */
  static GeneralSettings fromEnv(Map<String, String> env) {
    return new GeneralSettings(env.get("LITELLM_MASTER_KEY"), env.get("DATABASE_URL"), null, null, Map.of());
  }

  static GeneralSettings bind(Fields f, Map<String, String> env) {
    String masterKey = f.string("master_key");
    String databaseUrl = f.string("database_url");
    return new GeneralSettings(
        masterKey != null ? masterKey : env.get("LITELLM_MASTER_KEY"),
        databaseUrl != null ? databaseUrl : env.get("DATABASE_URL"),
        f.decimal("max_request_size_mb"),
        f.string("litellm_key_header_name"),
        f.map().toJsonMap(TYPED_KEYS));
  }

  /** Does not print the master key or the database URL (it usually holds a password). */
  @Override
  public String toString() {
    return "GeneralSettings[masterKey="
        + (masterKey == null ? "null" : "***")
        + ", databaseUrl="
        + (databaseUrl == null ? "null" : "***")
        + ", maxRequestSizeMb="
        + maxRequestSizeMb
        + ", litellmKeyHeaderName="
        + litellmKeyHeaderName
        + ", extraKeys="
        + extra.keySet()
        + "]";
  }
}
