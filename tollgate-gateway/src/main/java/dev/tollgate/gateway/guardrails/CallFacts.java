package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.VirtualKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a remote guardrail is told about the request besides its texts: ids for correlation, the model asked for,
 * who is calling (LiteLLM's {@code request_data}: {@code user_api_key_*} fields, never the key itself), the inbound
 * headers (sanitized per guardrail before they leave), and the request's per-guardrail dynamic params
 * ({@code "guardrails": [{"name": {"extra_body": {...}}}]}). Built only for requests that run a remote guardrail.
 *
 * @param headers inbound headers by lower-case name
 * @param dynamicParams guardrail name to the {@code extra_body} object the request gave it
 */
public record CallFacts(String callId, String traceId, String model, String keyHash, String keyAlias, String userId,
    String teamId, String organizationId, String endUser, Map<String, String> headers,
    Map<String, ObjectNode> dynamicParams) {

  public static final CallFacts NONE = new CallFacts(null, null, null, null, null, null, null, null, null, Map.of(),
      Map.of());

  public CallFacts {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    dynamicParams = dynamicParams == null ? Map.of() : Map.copyOf(dynamicParams);
  }

  /**
   * The facts of a routed request.
   *
   * @param record the request's call record (id, key hash, end user); may be null
   * @param body the request body, before its {@code guardrails} field is removed; may be null
   * @param headers the inbound headers; may be null
   */
  public static CallFacts of(CallRecord record, JsonNode body, VirtualKey key,
      Iterable<Map.Entry<String, String>> headers) {
    Map<String, String> byName = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(h -> byName.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    }
    String callId = record == null ? null : record.requestId;
    JsonNode trace = body == null ? null : body.get("litellm_trace_id");
    String model = body != null && body.path("model").isTextual() ? body.get("model").asText() : null;
    return new CallFacts(callId, trace != null && trace.isTextual() ? trace.asText() : callId, model,
        record != null ? record.apiKey : key == null ? null : key.token(),
        key == null ? null : key.keyAlias(), key == null ? null : key.userId(), key == null ? null : key.teamId(),
        key == null ? null : key.organizationId(), record == null ? null : record.endUser, byName,
        dynamicParams(body == null ? null : body.get("guardrails")));
  }

  /** The facts for {@code /guardrails/apply_guardrail}: only the caller's key. */
  public static CallFacts ofKey(VirtualKey key) {
    return key == null ? NONE : new CallFacts(null, null, null, key.token(), key.keyAlias(), key.userId(),
        key.teamId(), key.organizationId(), null, Map.of(), Map.of());
  }

  private static Map<String, ObjectNode> dynamicParams(JsonNode guardrails) {
    if (guardrails == null || !guardrails.isArray()) {
      return Map.of();
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    for (JsonNode item : guardrails) {
      if (item.isObject()) {
        item.properties().forEach(e -> {
          if (e.getValue().get("extra_body") instanceof ObjectNode extra) {
            out.put(e.getKey(), extra);
          }
        });
      }
    }
    return out;
  }
}
