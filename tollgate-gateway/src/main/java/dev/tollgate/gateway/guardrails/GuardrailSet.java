package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.VirtualKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guardrails a gateway snapshot serves with, in config order, and which of them apply to one request:
 * {@code default_on} ones always (unless the key or its team sets {@code disable_global_guardrails}; the key's own
 * setting wins), plus those the request names ({@code guardrails} in the body or in its {@code metadata}), those the
 * key names ({@code guardrails}, stored in the key's metadata as LiteLLM stores it) and those the key's team names
 * ({@link #forTeam}). Names that no entry has are ignored, as LiteLLM ignores them.
 */
public final class GuardrailSet {
  public static final GuardrailSet NONE = new GuardrailSet(List.of());
  private final List<ConfiguredGuardrail> all;
  private final Map<String, ConfiguredGuardrail> byName;
  private final TeamGuardrails team;
  private final boolean hasRemote;

  public GuardrailSet(List<ConfiguredGuardrail> all) {
    this.all = List.copyOf(all);
    this.byName = new LinkedHashMap<>();
    all.forEach(g -> byName.putIfAbsent(g.name(), g));
    this.team = TeamGuardrails.NONE;
    this.hasRemote = all.stream().anyMatch(ConfiguredGuardrail::isRemote);
  }

  private GuardrailSet(GuardrailSet base, TeamGuardrails team) {
    this.all = base.all;
    this.byName = base.byName;
    this.team = team;
    this.hasRemote = base.hasRemote;
  }

  /** True when some guardrail calls a service: only then does a request need to look for remote ones. */
  public boolean hasRemote() {
    return hasRemote;
  }

  /**
   * This set as a team's keys see it: {@link #active} adds the team's guardrails, and the team's
   * {@code disable_global_guardrails} applies unless the key sets its own. Returns this set when the team says
   * nothing about guardrails.
   */
  public GuardrailSet forTeam(TeamGuardrails team) {
    return team == null || team.isEmpty() || all.isEmpty() ? this : new GuardrailSet(this, team);
  }

  public List<ConfiguredGuardrail> all() {
    return all;
  }

  public ConfiguredGuardrail named(String name) {
    return byName.get(name);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** The guardrails for a request, in config order. */
  public List<ConfiguredGuardrail> active(JsonNode body, JsonNode metadata, VirtualKey key) {
    if (all.isEmpty()) {
      return List.of();
    }
    Set<String> named = new LinkedHashSet<>();
    names(body == null ? null : body.get("guardrails"), named);
    names(metadata == null ? null : metadata.get("guardrails"), named);
    JsonNode keyMeta = key == null ? null : key.metadata();
    named.addAll(team.names());
    boolean noGlobal = Boolean.TRUE.equals(team.disableGlobal());
    if (keyMeta != null) {
      names(keyMeta.get("guardrails"), named);
      JsonNode keyDisable = keyMeta.get("disable_global_guardrails");
      if (keyDisable != null && !keyDisable.isNull()) { // the key's setting wins over its team's, as in LiteLLM
        noGlobal = keyDisable.asBoolean(false);
      }
    }
    List<ConfiguredGuardrail> out = new ArrayList<>();
    for (ConfiguredGuardrail g : all) {
      if ((g.defaultOn() && !noGlobal) || named.contains(g.name())) {
        out.add(g);
      }
    }
    return out;
  }

  private static void names(JsonNode node, Set<String> out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> {
        if (n.isTextual()) {
          out.add(n.asText());
        } else if (n.isObject()) { // {"name": {...}} dynamic params form: the keys are the names
          n.fieldNames().forEachRemaining(out::add);
        }
      });
    }
  }
}
