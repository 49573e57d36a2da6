package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;

/**
 * LiteLLM's {@code SpendMetrics}: the sums of a set of daily rows. Tollgate records spend, prompt / completion / cache
 * tokens and requests (successful and failed); LiteLLM's newer fields for what Tollgate does not do or record (flat
 * cost, prompt compression, savings, response times) are written as zeros so that clients reading them get numbers.
 */
final class SpendMetrics {
  private double spend;
  private long promptTokens;
  private long completionTokens;
  private long cacheReadTokens;
  private long cacheCreationTokens;
  private long requests;
  private long successes;
  private long failures;

  void add(DailyRow r) {
    spend += r.spend();
    promptTokens += r.promptTokens();
    completionTokens += r.completionTokens();
    cacheReadTokens += r.cacheReadTokens();
    cacheCreationTokens += r.cacheCreationTokens();
    requests += r.requests();
    successes += r.successes();
    failures += r.failures();
  }

  double spend() {
    return spend;
  }

  /** {@code {spend, prompt_tokens, ..., total_tokens, api_requests, successful_requests, failed_requests, ...}}. */
  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("spend", spend);
    o.put("flat_cost", 0.0);
    o.put("prompt_tokens", promptTokens);
    o.put("completion_tokens", completionTokens);
    o.put("cache_read_input_tokens", cacheReadTokens);
    o.put("cache_creation_input_tokens", cacheCreationTokens);
    o.put("compression_saved_tokens", 0);
    o.put("compression_savings_spend", 0.0);
    o.put("prompt_caching_savings_spend", 0.0);
    o.put("gateway_injected_caching_savings_spend", 0.0);
    o.put("autorouter_savings_spend", 0.0);
    o.put("total_tokens", promptTokens + completionTokens);
    o.put("successful_requests", successes);
    o.put("failed_requests", failures);
    o.put("api_requests", requests);
    o.put("total_response_time_ms", 0);
    o.put("timed_requests", 0);
    return o;
  }

  /** The same sums as {@code DailySpendMetadata}'s {@code total_*} fields (paging fields are added by the caller). */
  ObjectNode totalsJson() {
    ObjectNode o = Json.object();
    o.put("total_spend", spend);
    o.put("total_flat_cost", 0.0);
    o.put("total_prompt_tokens", promptTokens);
    o.put("total_completion_tokens", completionTokens);
    o.put("total_tokens", promptTokens + completionTokens);
    o.put("total_api_requests", requests);
    o.put("total_successful_requests", successes);
    o.put("total_failed_requests", failures);
    o.put("total_cache_read_input_tokens", cacheReadTokens);
    o.put("total_cache_creation_input_tokens", cacheCreationTokens);
    o.put("total_compression_saved_tokens", 0);
    o.put("total_compression_savings_spend", 0.0);
    o.put("total_prompt_caching_savings_spend", 0.0);
    o.put("total_gateway_injected_caching_savings_spend", 0.0);
    o.put("total_autorouter_savings_spend", 0.0);
    o.put("total_response_time_ms", 0);
    o.put("total_timed_requests", 0);
    return o;
  }
}
