package dev.tollgate.gateway;

import dev.tollgate.gateway.models.ModelCatalog;
import dev.tollgate.core.router.Router;
import dev.tollgate.core.router.RouterState;
import dev.tollgate.gateway.models.RouteResolver;
import dev.tollgate.gateway.spend.SpendLogOptions;
import java.time.Duration;

/**
 * The immutable snapshot a running gateway serves from: the models and guardrails (config file plus database), the
 * master key, global parameter handling, request limits and background-job intervals. A reload, or a change to the
 * models or guardrails stored in the database, builds a new snapshot and swaps it whole.
 *
 * @param models the deployments from {@code model_list} and from {@code tg_models}, with the router built over them
 * @param customKeyHeader {@code general_settings.litellm_key_header_name}, or null
 * @param maxBodyBytes requests with larger bodies are refused with 413
 * @param spendFlushInterval {@code general_settings.proxy_batch_write_at}: how often queued spend is written
 * @param schedules how often the background jobs (model refresh, budget resets) run
 * @param spendLogs what spend rows keep ({@code store_prompts_in_spend_logs}, {@code disable_spend_logs})
 * @param cache the response cache ({@code litellm_settings.cache} / {@code cache_params})
 * @param guardrails the {@code guardrails:} entries loaded, then those stored through the API (docs/guardrails.md)
 * @param sso single sign-on for the dashboard ({@code GENERIC_CLIENT_ID} and friends; docs/ui.md), or off
 * @param upstreamTls how {@code https} upstreams' certificates are checked ({@code litellm_settings.ssl_verify}); read
 *     when the gateway starts (a reload keeps the first)
 */
public record GatewaySettings(
    ModelCatalog models, String masterKey, String customKeyHeader, boolean dropParams, long maxBodyBytes,
    Duration spendFlushInterval, Schedules schedules, SpendLogOptions spendLogs,
    dev.tollgate.gateway.cache.CacheSettings cache,
    dev.tollgate.gateway.guardrails.GuardrailSet guardrails,
    dev.tollgate.gateway.sso.SsoSettings sso,
    dev.tollgate.gateway.upstream.UpstreamTls upstreamTls) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  /** Tollgate writes spend every second by default (LiteLLM: 10 s); see docs/configuration.md. */
  public static final Duration DEFAULT_SPEND_FLUSH_INTERVAL = Duration.ofSeconds(1);

  public GatewaySettings {
    spendFlushInterval = spendFlushInterval == null ? DEFAULT_SPEND_FLUSH_INTERVAL : spendFlushInterval;
    schedules = schedules == null ? Schedules.DEFAULTS : schedules;
    spendLogs = spendLogs == null ? SpendLogOptions.DEFAULTS : spendLogs;
    cache = cache == null ? dev.tollgate.gateway.cache.CacheSettings.off() : cache;
    guardrails = guardrails == null ? dev.tollgate.gateway.guardrails.GuardrailSet.NONE : guardrails;
    sso = sso == null ? dev.tollgate.gateway.sso.SsoSettings.OFF : sso;
    upstreamTls = upstreamTls == null ? dev.tollgate.gateway.upstream.UpstreamTls.DEFAULT : upstreamTls;
  }

  /** A snapshot whose {@code https} upstreams are checked against the JDK's certificate authorities. */
  public GatewaySettings(ModelCatalog models, String masterKey, String customKeyHeader, boolean dropParams,
      long maxBodyBytes, Duration spendFlushInterval, Schedules schedules, SpendLogOptions spendLogs,
      dev.tollgate.gateway.cache.CacheSettings cache, dev.tollgate.gateway.guardrails.GuardrailSet guardrails,
      dev.tollgate.gateway.sso.SsoSettings sso) {
    this(models, masterKey, customKeyHeader, dropParams, maxBodyBytes, spendFlushInterval, schedules, spendLogs,
        cache, guardrails, sso, null);
  }

  /** A snapshot without single sign-on. */
  public GatewaySettings(ModelCatalog models, String masterKey, String customKeyHeader, boolean dropParams,
      long maxBodyBytes, Duration spendFlushInterval, Schedules schedules, SpendLogOptions spendLogs,
      dev.tollgate.gateway.cache.CacheSettings cache, dev.tollgate.gateway.guardrails.GuardrailSet guardrails) {
    this(models, masterKey, customKeyHeader, dropParams, maxBodyBytes, spendFlushInterval, schedules, spendLogs,
        cache, guardrails, null);
  }

  /** A snapshot without response caching and without guardrails. */
  public GatewaySettings(ModelCatalog models, String masterKey, String customKeyHeader, boolean dropParams,
      long maxBodyBytes, Duration spendFlushInterval, Schedules schedules, SpendLogOptions spendLogs) {
    this(models, masterKey, customKeyHeader, dropParams, maxBodyBytes, spendFlushInterval, schedules, spendLogs,
        null, null);
  }

  /** The core router over every deployment in {@link #models()}. */
  public Router router() {
    return models.router();
  }

  /** Resolves the router's picks into provider calls; holds the snapshot's price table. */
  public RouteResolver routes() {
    return models.routes();
  }

  /** This snapshot routing on {@code state} (the process's router state, which outlives snapshots). */
  public GatewaySettings withRouterState(RouterState state) {
    ModelCatalog next = models.withRouterState(state);
    return next == models ? this : withModels(next);
  }

  /** This snapshot with other guardrails (everything else unchanged): the stored ones changed. */
  public GatewaySettings withGuardrails(dev.tollgate.gateway.guardrails.GuardrailSet next) {
    return new GatewaySettings(models, masterKey, customKeyHeader, dropParams, maxBodyBytes, spendFlushInterval,
        schedules, spendLogs, cache, next, sso, upstreamTls);
  }

  /** This snapshot with other models (everything else unchanged). */
  public GatewaySettings withModels(ModelCatalog next) {
    return new GatewaySettings(next, masterKey, customKeyHeader, dropParams, maxBodyBytes, spendFlushInterval,
        schedules, spendLogs, cache, guardrails, sso, upstreamTls);
  }
}
