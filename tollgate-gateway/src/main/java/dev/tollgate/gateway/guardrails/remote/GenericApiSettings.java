package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.FailurePolicy;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code generic_guardrail_api} entry's {@code litellm_params}, as LiteLLM reads them: {@code api_base} (required;
 * {@value #PATH} is appended unless it already ends with it), {@code api_key} (sent as {@code x-api-key}),
 * {@code headers} (sent as they are), {@code additional_provider_specific_params} (sent in every request),
 * {@code extra_headers} (inbound header names whose values may be forwarded in {@code request_headers}),
 * {@code unreachable_fallback} and {@code fail_on_error} ({@link FailurePolicy}); and Tollgate's {@code timeout}
 * (seconds, default {@value #DEFAULT_TIMEOUT_SECONDS}).
 *
 * @param headers the headers of every call, {@code content-type} and {@code x-api-key} included
 * @param forwardedHeaders lower-case inbound header names from {@code extra_headers}
 */
public record GenericApiSettings(String url, Map<String, String> headers, ObjectNode additionalParams,
    Set<String> forwardedHeaders, Duration timeout, FailurePolicy failures) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GenericApiSettings.class);
  /** LiteLLM's newer options for this integration that Tollgate does not implement: warned about, ignored. */
  static final List<String> NOT_SUPPORTED = List.of("fire_and_forget", "fire_and_forget_max_inflight",
      "streaming_end_of_stream_only", "streaming_sampling_rate", "streaming_transform_mode", "send_images",
      "exclude_payload_fields", "max_messages", "max_text_chars", "strip_patterns", "skip_if_system_prompt_matches",
      "skip_if_first_role_in", "skip_if_key_alias_in", "skip_if_team_id_in", "run_only_on_call_types",
      "skip_call_types", "guardrail_information_scope");

  /** LiteLLM's endpoint path for the contract. */
  public static final String PATH = "/beta/litellm_basic_guardrail_api";
  static final int DEFAULT_TIMEOUT_SECONDS = 5;

  public GenericApiSettings {
    headers = Map.copyOf(headers);
    forwardedHeaders = Set.copyOf(forwardedHeaders);
  }

  public static GenericApiSettings read(JsonNode params, String where) {
    List<String> ignored = NOT_SUPPORTED.stream().filter(params::has).toList();
    if (!ignored.isEmpty()) {
      LOG.warn("{}: Tollgate's generic_guardrail_api does not implement {}; they are ignored (every call waits for "
          + "its verdict, streams are checked once at their end, the texts are sent whole)", where, ignored);
    }
    String base = RemoteParams.required(params, "api_base", "the guardrail service's URL, " + PATH
        + " is appended; or set GENERIC_GUARDRAIL_API_BASE", where);
    String url = base.endsWith(PATH) ? base : stripSlashes(base) + PATH;
    try {
      URI uri = new URI(url);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(where + ": api_base must be an http:// or https:// URL, got '" + base + "'");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(where + ": api_base is not a URL: '" + base + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.putAll(RemoteParams.headers(params, "headers", where));
    String key = RemoteParams.optional(params, "api_key", where);
    if (key != null && !key.isBlank()) {
      headers.put("x-api-key", key);
    }
    JsonNode extra = params.get("additional_provider_specific_params");
    if (extra != null && !extra.isNull() && !extra.isObject()) {
      throw new ConfigException(where + ": additional_provider_specific_params must be an object");
    }
    Set<String> forwarded = new LinkedHashSet<>();
    RemoteParams.strings(params, "extra_headers", where).forEach(h -> forwarded.add(h.toLowerCase(Locale.ROOT)));
    return new GenericApiSettings(url, headers,
        extra instanceof ObjectNode o ? o.deepCopy() : Json.object(), forwarded,
        RemoteParams.timeout(params, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), where),
        FailurePolicy.read(params, where));
  }

  private static String stripSlashes(String base) {
    String out = base;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
