package dev.tollgate.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.budgets.Entity;
import dev.tollgate.gateway.budgets.RequestEntities;
import dev.tollgate.gateway.keys.VirtualKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every limit a request counts against, as LiteLLM's limiter builds its descriptors: the key's own rpm/tpm/parallel,
 * the user's, the team's, the end user's (from its row or budget row), and per model the key's and the team's
 * {@code model_rpm_limit} / {@code model_tpm_limit} (the key's own fields, else its metadata's, as LiteLLM also
 * reads them there).
 */
public final class LimitPlan {
  private LimitPlan() {}

  /** The limits that apply; empty when none (the master key has none of its own and no user or team). */
  public static List<CountedLimit> of(VirtualKey key, RequestEntities e, String model) {
    List<CountedLimit> out = new ArrayList<>(2);
    KeyLimits own = KeyLimits.of(key);
    if (own != null) {
      out.add(new CountedLimit(key.token(), own, "api_key", key.token()));
    }
    entity(out, e.user(), "user");
    entity(out, e.team(), "team");
    entity(out, e.endUser(), "end_user");
    if (model != null && key != null) {
      JsonNode metadata = key.metadata();
      Long rpm = key.modelRpmLimit().getOrDefault(model, metadataLimits(metadata, "model_rpm_limit").get(model));
      Long tpm = key.modelTpmLimit().getOrDefault(model, metadataLimits(metadata, "model_tpm_limit").get(model));
      perModel(out, rpm, tpm, "key:" + key.token() + ":model:" + model, "model_per_key",
          key.token() + ":" + model);
      Entity team = e.team();
      if (team != null) {
        perModel(out, team.modelRpm().get(model), team.modelTpm().get(model),
            "team:" + team.id() + ":model:" + model, "model_per_team", team.id() + ":" + model);
      }
    }
    return out;
  }

  private static void entity(List<CountedLimit> out, Entity entity, String descriptor) {
    if (entity != null && entity.hasRateLimits()) {
      out.add(new CountedLimit(descriptor + ":" + entity.id(),
          new KeyLimits(entity.rpm(), entity.tpm(), entity.maxParallel()), descriptor, entity.id()));
    }
  }

  private static void perModel(List<CountedLimit> out, Long rpm, Long tpm, String counter, String descriptor,
      String value) {
    if (rpm != null || tpm != null) {
      out.add(new CountedLimit(counter, new KeyLimits(rpm, tpm, null), descriptor, value));
    }
  }

  private static Map<String, Long> metadataLimits(JsonNode metadata, String name) {
    JsonNode node = metadata == null ? null : metadata.get(name);
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    Map<String, Long> out = new HashMap<>();
    node.fields().forEachRemaining(f -> {
      if (f.getValue().isNumber()) {
        out.put(f.getKey(), f.getValue().asLong());
      }
    });
    return out;
  }
}
