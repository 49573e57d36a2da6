package dev.tollgate.gateway.models;


import dev.tollgate.core.router.ModelGroups;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model access groups, as LiteLLM's {@code model_info.access_groups}: a deployment that lists {@code "beta"} lets a
 * key or team whose {@code models} contains {@code "beta"} call that deployment's model group. Built once per model
 * catalog (so once per settings snapshot) from every deployment's {@code model_info}; immutable.
 *
 * <p>As LiteLLM's {@code _can_object_call_model}: the groups that count are those of the requested model's own
 * deployments (its exact group, else the wildcard group that serves it). A name in {@code models} that is no
 * deployment's access group is an ordinary model name.
 */
public final class AccessGroups {
  private static final AccessGroups NONE = new AccessGroups(Map.of(), null);

  /** Model group name to the access groups its deployments list. */
  private final Map<String, Set<String>> byModelGroup;
  private final ModelGroups groups;

  private AccessGroups(Map<String, Set<String>> byModelGroup, ModelGroups groups) {
    this.byModelGroup = byModelGroup;
    this.groups = groups;
  }

  public static AccessGroups none() {
    return NONE;
  }

  /** The access groups of {@code entries}; {@code groups} resolves a model a wildcard group serves. */
  public static AccessGroups of(List<ModelEntry> entries, ModelGroups groups) {
    Map<String, Set<String>> map = new LinkedHashMap<>();
    for (ModelEntry e : entries) {
      JsonNode listed = e.config() == null ? null : e.config().modelInfo().get("access_groups");
      if (listed == null || !listed.isArray()) {
        continue;
      }
      for (JsonNode g : listed) {
        if (g.isTextual() && !g.asText().isBlank()) {
          map.computeIfAbsent(e.deployment().modelName(), k -> new LinkedHashSet<>()).add(g.asText());
        }
      }
    }
    if (map.isEmpty()) {
      return NONE;
    }
    map.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    return new AccessGroups(Collections.unmodifiableMap(map), groups);
  }

  public boolean isEmpty() {
    return byModelGroup.isEmpty();
  }

  /** The access groups that grant {@code model} (a model group name, or a model a wildcard group serves). */
  public Set<String> of(String model) {
    if (byModelGroup.isEmpty() || model == null) {
      return Set.of();
    }
    Set<String> direct = byModelGroup.get(model);
    if (direct != null) {
      return direct;
    }
    if (groups == null) {
      return Set.of();
    }
    return groups.pick(model).map(p -> byModelGroup.getOrDefault(p.deployment().modelName(), Set.of()))
        .orElse(Set.of());
  }

  /** Every access-group name some deployment lists, with the model groups it grants (for {@code /v1/models}). */
  public Map<String, Set<String>> byModelGroup() {
    return byModelGroup;
  }

  /** True when one of {@code allowed} (a key's or team's {@code models}) is an access group of {@code model}. */
  public boolean grants(List<String> allowed, String model) {
    if (byModelGroup.isEmpty() || allowed.isEmpty()) {
      return false;
    }
    Set<String> of = of(model);
    if (of.isEmpty()) {
      return false;
    }
    for (String m : allowed) {
      if (of.contains(m)) {
        return true;
      }
    }
    return false;
  }
}
