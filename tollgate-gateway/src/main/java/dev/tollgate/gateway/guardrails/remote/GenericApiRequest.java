package dev.tollgate.gateway.guardrails.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.CallFacts;
import dev.tollgate.gateway.guardrails.GuardrailCall;
import dev.tollgate.providers.types.Json;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of one call to a {@code generic_guardrail_api} service, in LiteLLM's request shape
 * ({@code GenericGuardrailAPIRequest}): {@code texts}, {@code input_type} ({@code request} or {@code response}),
 * {@code litellm_call_id} and {@code litellm_trace_id} (Tollgate's request id unless the client sent a trace id),
 * {@code model} (as requested), {@code request_data} (the caller's {@code user_api_key_*} fields: hash, alias, user,
 * team, organization, end user; never the key), {@code request_headers} (inbound headers, sanitized as LiteLLM does)
 * and {@code additional_provider_specific_params} (the config's, with the request's {@code extra_body} for this
 * guardrail laid over them). Images, tools, tool calls and structured messages are not sent.
 */
public final class GenericApiRequest {
  /** Headers whose values are forwarded (LiteLLM's allow-list); {@code x-stainless-*} and {@code x-litellm-*} too. */
  static final Set<String> FORWARDED = Set.of("host", "accept-encoding", "connection", "accept", "content-type",
      "user-agent", "content-length");
  /** Headers that carry credentials: never forwarded, whatever {@code extra_headers} says. */
  static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "cookie", "x-api-key", "api-key",
      "x-litellm-api-key", "x-goog-api-key");
  /** What a header that is not forwarded is sent as, so the service knows it was there. */
  static final String PRESENT = "[present]";

  private GenericApiRequest() {}

  public static ObjectNode body(GenericApiSettings settings, List<String> texts, GuardrailCall call) {
    CallFacts facts = call.facts() == null ? CallFacts.NONE : call.facts();
    ObjectNode body = Json.object();
    texts.forEach(body.putArray("texts")::add);
    body.put("input_type", call.inputType());
    body.put("litellm_call_id", facts.callId());
    body.put("litellm_trace_id", facts.traceId());
    body.put("model", facts.model());
    ObjectNode data = body.putObject("request_data");
    putIfSet(data, "user_api_key_hash", facts.keyHash());
    putIfSet(data, "user_api_key_alias", facts.keyAlias());
    putIfSet(data, "user_api_key_user_id", facts.userId());
    putIfSet(data, "user_api_key_team_id", facts.teamId());
    putIfSet(data, "user_api_key_org_id", facts.organizationId());
    putIfSet(data, "user_api_key_end_user_id", facts.endUser());
    if (!facts.headers().isEmpty()) {
      ObjectNode headers = body.putObject("request_headers");
      facts.headers().forEach((name, value) -> headers.put(name, forwards(name, settings) ? value : PRESENT));
    }
    ObjectNode params = settings.additionalParams().deepCopy();
    ObjectNode dynamic = facts.dynamicParams().get(call.guardrail());
    if (dynamic != null) {
      params.setAll(dynamic.deepCopy());
    }
    body.set("additional_provider_specific_params", params);
    return body;
  }

  static boolean forwards(String header, GenericApiSettings settings) {
    String name = header.toLowerCase(Locale.ROOT);
    if (SECRET.contains(name)) {
      return false;
    }
    return FORWARDED.contains(name) || name.startsWith("x-stainless-") || name.startsWith("x-litellm-")
        || settings.forwardedHeaders().contains(name);
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
