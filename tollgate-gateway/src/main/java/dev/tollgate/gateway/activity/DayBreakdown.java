package dev.tollgate.gateway.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiteLLM's {@code BreakdownMetrics} of one day: the day's rows summed by model, model group ({@code model_group}, or
 * the model when the row has none), provider ({@code "unknown"} when none), endpoint, API key and, when asked, entity
 * ({@code "Unassigned"} for the entity {@code ""}); each entry but the keys' also split by API key
 * ({@code api_key_breakdown}). Rows without a model or an endpoint count in the day's metrics but under no model or
 * endpoint, as in LiteLLM. {@code mcp_servers} stays empty: Tollgate has no MCP gateway.
 */
final class DayBreakdown {
  private final Map<String, Entry> models = new LinkedHashMap<>();
  private final Map<String, Entry> modelGroups = new LinkedHashMap<>();
  private final Map<String, Entry> providers = new LinkedHashMap<>();
  private final Map<String, Entry> endpoints = new LinkedHashMap<>();
  private final Map<String, Entry> entities = new LinkedHashMap<>();
  private final Map<String, SpendMetrics> apiKeys = new LinkedHashMap<>();

  /** One breakdown entry: its sums and the same split by API key. */
  private static final class Entry {
    final SpendMetrics metrics = new SpendMetrics();
    final Map<String, SpendMetrics> byKey = new LinkedHashMap<>();

    void add(DailyRow r) {
      metrics.add(r);
      byKey.computeIfAbsent(r.apiKey(), k -> new SpendMetrics()).add(r);
    }
  }

  void add(DailyRow r, boolean withEntities) {
    if (present(r.model())) {
      entry(models, r.model()).add(r);
    }
    String group = present(r.modelGroup()) ? r.modelGroup() : r.model();
    if (present(group)) {
      entry(modelGroups, group).add(r);
    }
    entry(providers, present(r.provider()) ? r.provider() : "unknown").add(r);
    if (present(r.endpoint())) {
      entry(endpoints, r.endpoint()).add(r);
    }
    apiKeys.computeIfAbsent(r.apiKey(), k -> new SpendMetrics()).add(r);
    if (withEntities) {
      entry(entities, present(r.entityId()) ? r.entityId() : ActivityNames.UNASSIGNED).add(r);
    }
  }

  /**
   * {@code {mcp_servers, models, model_groups, providers, endpoints, api_keys, entities}}; {@code keys} gives each
   * API key's {@code KeyMetadata}, {@code entityNames} each entity's metadata ({@code {}} when absent).
   */
  ObjectNode toJson(Map<String, ObjectNode> keys, Map<String, ObjectNode> entityNames) {
    ObjectNode o = Json.object();
    o.putObject("mcp_servers");
    o.set("models", entries(models, Map.of(), keys));
    o.set("model_groups", entries(modelGroups, Map.of(), keys));
    o.set("providers", entries(providers, Map.of(), keys));
    o.set("endpoints", entries(endpoints, Map.of(), keys));
    o.set("api_keys", byKey(apiKeys, keys));
    o.set("entities", entries(entities, entityNames, keys));
    return o;
  }

  private static ObjectNode entries(Map<String, Entry> map, Map<String, ObjectNode> metadata,
      Map<String, ObjectNode> keys) {
    ObjectNode out = Json.object();
    map.forEach((name, e) -> {
      ObjectNode entry = out.putObject(name);
      entry.set("metrics", e.metrics.toJson());
      ObjectNode meta = metadata.get(name);
      entry.set("metadata", meta == null ? Json.object() : meta.deepCopy());
      entry.set("api_key_breakdown", byKey(e.byKey, keys));
    });
    return out;
  }

  private static ObjectNode byKey(Map<String, SpendMetrics> map, Map<String, ObjectNode> keys) {
    ObjectNode out = Json.object();
    map.forEach((key, m) -> {
      ObjectNode entry = out.putObject(key);
      entry.set("metrics", m.toJson());
      entry.set("metadata", ActivityNames.keyMetadata(keys, key));
    });
    return out;
  }

  private static Entry entry(Map<String, Entry> map, String name) {
    return map.computeIfAbsent(name, n -> new Entry());
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }
}
