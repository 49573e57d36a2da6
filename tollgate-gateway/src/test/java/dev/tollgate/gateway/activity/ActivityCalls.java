package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.spend.JdbcSpendStore;
import dev.tollgate.gateway.spend.SpendRow;
import dev.tollgate.gateway.store.Database;
import dev.tollgate.gateway.support.Http;
import dev.tollgate.providers.types.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a fixture of calls ({@code src/test/resources/activity/*.json}) and writes them through the real spend writer
 * ({@link JdbcSpendStore}), so that the daily aggregates hold what the gateway itself would have written for them.
 */
final class ActivityCalls {
  private ActivityCalls() {}

  static void write(Database db, String fixture) {
    JsonNode calls = Json.tree(Http.fixture(fixture).getBytes(StandardCharsets.UTF_8)).get("calls");
    List<SpendRow> records = new ArrayList<>();
    int n = 0;
    for (JsonNode c : calls) {
      records.add(SpendRow.of(record(c, "fixture-call-" + n++)));
    }
    new JdbcSpendStore(db).write(records);
  }

  private static CallRecord record(JsonNode c, String id) {
    long start = LocalDate.parse(c.get("day").asText()).atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    String hash = Keys.hash(c.get("key").asText());
    VirtualKey key = null;
    if (c.hasNonNull("user") || c.hasNonNull("team") || c.hasNonNull("org")) {
      VirtualKey.Builder b = new VirtualKey.Builder();
      b.token = hash;
      b.userId = text(c, "user");
      b.teamId = text(c, "team");
      b.organizationId = text(c, "org");
      key = b.build();
    }
    CallRecord r = new CallRecord(id, c.get("call_type").asText(), start, hash, key);
    r.endUser = text(c, "end_user");
    List<String> tags = new ArrayList<>();
    c.path("tags").forEach(t -> tags.add(t.asText()));
    r.tags = tags;
    r.modelGroup = text(c, "model_group");
    r.model = text(c, "model");
    r.provider = text(c, "provider");
    r.promptTokens = c.path("prompt").asLong();
    r.completionTokens = c.path("completion").asLong();
    r.totalTokens = r.promptTokens + r.completionTokens;
    r.cacheReadTokens = c.path("cache_read").asLong();
    r.cacheCreationTokens = c.path("cache_creation").asLong();
    r.cost = c.path("cost").asDouble();
    r.status = c.get("status").asText();
    r.httpStatus = "success".equals(r.status) ? 200 : 500;
    r.endMillis = start + 100;
    return r;
  }

  private static String text(JsonNode c, String field) {
    return c.hasNonNull(field) ? c.get(field).asText() : null;
  }
}
