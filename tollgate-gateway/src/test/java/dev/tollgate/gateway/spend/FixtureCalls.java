package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.RouteTrace;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed call records described by a fixture ({@code src/test/resources/spend/*.json}, an array {@code calls}):
 * every field the spend row reads is set from the fixture, as the handlers would have set it, without completing the
 * record (so that {@code end} is the fixture's).
 */
final class FixtureCalls {
  private FixtureCalls() {}

  static JsonNode fixture(String path) {
    return Json.tree(Http.fixture(path).getBytes(StandardCharsets.UTF_8));
  }

  static List<CallRecord> records(JsonNode calls) {
    List<CallRecord> records = new ArrayList<>();
    calls.forEach(c -> records.add(record(c)));
    return records;
  }

  static CallRecord record(JsonNode c) {
    VirtualKey key = null;
    JsonNode k = c.path("virtual_key");
    if (k.isObject()) {
      VirtualKey.Builder b = new VirtualKey.Builder();
      b.token = text(c, "api_key");
      b.keyAlias = text(k, "alias");
      b.userId = text(k, "user");
      b.teamId = text(k, "team");
      b.organizationId = text(k, "organization");
      key = b.build();
    }
    CallRecord r = new CallRecord(text(c, "request_id"), text(c, "call_type"), c.path("start").asLong(),
        text(c, "api_key"), key);
    r.endUser = text(c, "end_user");
    r.modelGroup = text(c, "model_group");
    r.deploymentId = text(c, "deployment");
    r.provider = text(c, "provider");
    r.model = text(c, "model");
    r.apiBase = text(c, "api_base");
    r.metadata = c.get("metadata") instanceof ObjectNode m ? m : null;
    List<String> tags = new ArrayList<>();
    c.path("tags").forEach(t -> tags.add(t.asText()));
    r.tags = List.copyOf(tags);
    r.requesterIp = text(c, "requester_ip");
    r.cacheHit = c.path("cache_hit").asBoolean();
    r.cacheKey = text(c, "cache_key");
    r.endMillis = c.path("end").asLong();
    JsonNode trace = c.path("trace");
    if (trace.isObject()) {
      r.trace = new RouteTrace();
      for (int i = 0; i < trace.path("retries").asInt(); i++) {
        r.trace.retried();
      }
      for (int i = 0; i < trace.path("fallbacks").asInt(); i++) {
        r.trace.fellBack();
      }
    }
    r.status = text(c, "status");
    r.httpStatus = c.path("http_status").asInt();
    r.errorType = text(c, "error_type");
    r.errorMessage = text(c, "error_message");
    r.promptTokens = c.path("prompt_tokens").asLong();
    r.completionTokens = c.path("completion_tokens").asLong();
    r.totalTokens = c.path("total_tokens").asLong();
    r.cacheReadTokens = c.path("cache_read_tokens").asLong();
    r.cacheCreationTokens = c.path("cache_creation_tokens").asLong();
    r.usageKnown = c.path("usage_known").asBoolean();
    r.usageEstimated = c.path("usage_estimated").asBoolean();
    r.cost = c.path("cost").asDouble();
    r.storePrompts = c.hasNonNull("messages");
    r.messages = text(c, "messages");
    r.response = text(c, "response");
    r.writeLogRow = c.path("write_log_row").asBoolean(true);
    return r;
  }

  private static String text(JsonNode c, String field) {
    return c.hasNonNull(field) ? c.get(field).asText() : null;
  }
}
