package dev.tollgate.gateway;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.gateway.models.SecretBox;
import dev.tollgate.providers.spi.CallTarget;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the serving snapshot from a loaded config (and the state directory for a generated master key). */
public final class SettingsFactory {
  private SettingsFactory() {}

  /** The snapshot and where its master key came from. */
  public record Built(GatewaySettings settings, String masterKeySource) {}

  /** The SQLite file used when no database URL is configured. */
  public static final String DEFAULT_DATABASE_FILE = "tollgate.db";

  /**
   * The control-plane database: {@code general_settings.database_url} (or env {@code DATABASE_URL}) when set, else a
   * SQLite file {@value #DEFAULT_DATABASE_FILE} beside the config file, or in the state directory without one.
   */
  public static String databaseUrl(ProxyConfig config, Path configFile, Path stateDir) {
    String url = config.generalSettings().databaseUrl();
    if (url != null && !url.isBlank()) {
      return url;
    }
    Path dir = configFile != null && configFile.toAbsolutePath().getParent() != null
        ? configFile.toAbsolutePath().getParent() : stateDir;
    return "sqlite:" + dir.resolve(DEFAULT_DATABASE_FILE).toAbsolutePath().normalize();
  }

  /** {@code general_settings.proxy_batch_write_at} in seconds (a number or numeric string); default 1 s. */
  static Duration batchWriteInterval(ProxyConfig config) {
    com.fasterxml.jackson.databind.JsonNode value = config.generalSettings().extra().get("proxy_batch_write_at");
    if (value == null || value.isNull()) {
      return GatewaySettings.DEFAULT_SPEND_FLUSH_INTERVAL;
    }
    double seconds;
    try {
      seconds = value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "general_settings.proxy_batch_write_at must be a number of seconds, got '"
          + value.asText() + "'");
    }
    if (!(seconds > 0)) {
      throw new ConfigException("general_settings.proxy_batch_write_at must be more than 0 seconds");
    }
    return DeploymentFactory.seconds(seconds);
  }

  public static Built build(ProxyConfig config, Path stateDir) {
    return build(config, stateDir, null);
  }

  /**
   * The snapshot for {@code config}.
   *
   * @param pricesFile the {@code --prices} file, or null ({@link PriceSource})
   */
  public static Built build(ProxyConfig config, Path stateDir, Path pricesFile) {
    Duration timeout = config.litellmSettings().requestTimeout() != null
        ? DeploymentFactory.seconds(config.litellmSettings().requestTimeout())
        : CallTarget.DEFAULT_TIMEOUT;
    String masterKey = config.generalSettings().masterKey();
    String source = "config";
    if (masterKey == null || masterKey.isBlank()) {
      MasterKeys.MasterKey key = MasterKeys.readOrCreate(stateDir);
      masterKey = key.value();
      source = (key.generated() ? "generated and saved to " : "read from ") + key.file();
    }
    SecretBox secrets = SecretBox.of(config.environment().get("LITELLM_SALT_KEY"), masterKey);
    // the router state is the gateway's own (it outlives reloads); Gateway swaps it in, this one is a placeholder
    ModelCatalog models = ModelCatalog.fromConfig(config.modelList(), config.environment(), timeout, secrets,
        PriceSource.costs(config, pricesFile), config.routerOptions(), new InMemoryRouterState());
    Double maxMb = config.generalSettings().maxRequestSizeMb();
    long maxBytes = maxMb == null ? GatewaySettings.DEFAULT_MAX_BODY_BYTES : (long) (maxMb * 1024 * 1024);
    GatewaySettings settings = new GatewaySettings(models, masterKey,
        config.generalSettings().litellmKeyHeaderName(), config.litellmSettings().dropParams(), maxBytes,
        batchWriteInterval(config), ScheduleSettings.read(config),
        dev.tollgate.gateway.spend.SpendLogOptions.read(config.generalSettings().extra()),
        dev.tollgate.gateway.cache.CacheSettings.read(config.litellmSettings()),
        dev.tollgate.gateway.guardrails.GuardrailConfig.read(config.guardrails(), config.environment()),
        dev.tollgate.gateway.sso.SsoSettingsReader.read(config.environment(), config.litellmSettings().extra(),
            config.generalSettings().extra()),
        dev.tollgate.gateway.upstream.UpstreamTls.read(config.litellmSettings().extra().get("ssl_verify")));
    return new Built(settings, source);
  }
}
