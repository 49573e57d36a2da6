package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An embeddings request cached per input item, as LiteLLM does: each item (a string, or one token array) has its own
 * key, the key of the request with {@code input} set to that item alone. Hits are answered from the cache, only the
 * misses go upstream, and the answer is put back together in the request's order. Each stored item is a one-item
 * embedding list whose usage is its share of the batch's usage (the batch's tokens split evenly over its items).
 */
public final class EmbeddingBatch {
  private final List<JsonNode> items;
  private final List<String> keys;
  private final boolean single;

  private EmbeddingBatch(List<JsonNode> items, List<String> keys, boolean single) {
    this.items = items;
    this.keys = keys;
    this.single = single;
  }

  /** The batch of {@code body}'s {@code input}, keyed under {@code plan}'s namespace. */
  public static EmbeddingBatch of(CachePlan plan, String group, ObjectNode body) {
    JsonNode input = body.get("input");
    List<JsonNode> items = new ArrayList<>();
    boolean single = input == null || input.isTextual() || (input.isArray() && (input.isEmpty()
        || input.get(0).isNumber()));
    if (single) {
      items.add(input);
    } else {
      input.forEach(items::add);
    }
    List<String> keys = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      ObjectNode one = body.deepCopy();
      one.set("input", item);
      keys.add(plan.keyOf(group, one));
    }
    return new EmbeddingBatch(List.copyOf(items), List.copyOf(keys), single);
  }

  public List<String> keys() {
    return keys;
  }

  public int size() {
    return items.size();
  }

  /** The input to send upstream for the items at {@code missing} (indices into this batch, in order). */
  public JsonNode inputOf(List<Integer> missing) {
    if (single) {
      return items.get(0);
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    missing.forEach(i -> out.add(items.get(i)));
    return out;
  }

  /** The one-item entry to store for item {@code i} of an upstream answer that covered {@code count} items. */
  public static ObjectNode entryOf(ObjectNode answer, JsonNode embedding, int count) {
    ObjectNode entry = Json.object();
    entry.put("object", "list");
    ObjectNode item = embedding.deepCopy();
    item.put("index", 0);
    entry.putArray("data").add(item);
    entry.set("model", answer.get("model"));
    JsonNode usage = answer.get("usage");
    if (usage != null && usage.isObject()) {
      ObjectNode share = entry.putObject("usage");
      long prompt = usage.path("prompt_tokens").asLong(0);
      long total = usage.path("total_tokens").asLong(prompt);
      share.put("prompt_tokens", prompt / Math.max(1, count));
      share.put("total_tokens", total / Math.max(1, count));
    }
    return entry;
  }

  /**
   * The answer in request order: {@code cached} (null where the item missed) merged with {@code fresh}, the upstream
   * answer for the missed items (null when everything hit). Usage: the upstream's when there is one (only the misses
   * cost anything), else the sum of the stored shares.
   */
  public ObjectNode merge(List<ObjectNode> cached, ObjectNode fresh) {
    ObjectNode out = Json.object();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    int next = 0;
    long prompt = 0;
    long total = 0;
    String model = null;
    for (int i = 0; i < items.size(); i++) {
      ObjectNode entry = cached.get(i);
      JsonNode embedding;
      if (entry != null) {
        embedding = entry.path("data").path(0);
        model = model == null ? entry.path("model").asText(null) : model;
        prompt += entry.path("usage").path("prompt_tokens").asLong(0);
        total += entry.path("usage").path("total_tokens").asLong(0);
      } else {
        embedding = fresh.path("data").path(next++);
      }
      ObjectNode copy = embedding.deepCopy();
      copy.put("index", i);
      data.add(copy);
    }
    if (fresh != null) {
      out.set("model", fresh.get("model"));
      if (fresh.get("usage") != null) {
        out.set("usage", fresh.get("usage"));
      }
    } else {
      out.put("model", model);
      out.putObject("usage").put("prompt_tokens", prompt).put("total_tokens", total);
    }
    return out;
  }
}
