package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.http.ApiError;
import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>The config file's guardrails come first, then those stored through the management API ({@link #withStored}),
 * each in their own order; a stored guardrail carries its {@link GuardrailOrigin}.
 */
public final class GuardrailSet {
  public static final GuardrailSet NONE = new GuardrailSet(List.of());
  private final List<ConfiguredGuardrail> all;
  private final List<ConfiguredGuardrail> configured;
  private final Map<String, GuardrailOrigin> origins;
  private final Map<String, ConfiguredGuardrail> byName;
  private final TeamGuardrails team;
  private final boolean hasRemote;

  /** The config file's guardrails, nothing stored. */
  public GuardrailSet(List<ConfiguredGuardrail> all) {
    this(all, List.of(), Map.of());
  }

  private GuardrailSet(List<ConfiguredGuardrail> configured, List<ConfiguredGuardrail> stored,
      Map<String, GuardrailOrigin> origins) {
    List<ConfiguredGuardrail> both = new ArrayList<>(configured);
    both.addAll(stored);
    this.all = List.copyOf(both);
    this.configured = List.copyOf(configured);
    this.origins = Map.copyOf(origins);
    this.byName = new LinkedHashMap<>();
    all.forEach(g -> byName.putIfAbsent(g.name(), g));
    this.team = TeamGuardrails.NONE;
    this.hasRemote = all.stream().anyMatch(ConfiguredGuardrail::isRemote);
  }

  private GuardrailSet(GuardrailSet base, TeamGuardrails team) {
    this.all = base.all;
    this.configured = base.configured;
    this.origins = base.origins;
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

  /**
   * This set's config-file guardrails followed by {@code stored} (the management API's, in their order), whose rows
   * are described by {@code origins} (by guardrail name). The caller keeps names unique (a stored guardrail whose name
   * a config one has is not passed in).
   */
  public GuardrailSet withStored(List<ConfiguredGuardrail> stored, Map<String, GuardrailOrigin> origins) {
    return new GuardrailSet(configured, stored, origins);
  }

  /** The config file's guardrails only. */
  public List<ConfiguredGuardrail> configured() {
    return configured;
  }

  /** The row a stored guardrail came from, or null for a config-file guardrail (or an unknown name). */
  public GuardrailOrigin origin(String name) {
    return origins.get(name);
  }

  public ConfiguredGuardrail named(String name) {
    return byName.get(name);
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  /**
   * The guardrails for a request, in config order. A request that names guardrails while its team forbids it
   * ({@link TeamGuardrails#requestsMayChoose}) is refused with a 403. Only the key and its team can turn
   * {@code default_on} guardrails off ({@code disable_global_guardrails}, {@code opted_out_global_guardrails}); the
   * same fields in a request are ignored, as LiteLLM ignores caller-supplied ones.
   */
  public List<ConfiguredGuardrail> active(JsonNode body, JsonNode metadata, VirtualKey key) {
    if (all.isEmpty()) {
      return List.of();
    }
    Set<String> named = new LinkedHashSet<>();
    names(body == null ? null : body.get("guardrails"), named);
    names(metadata == null ? null : metadata.get("guardrails"), named);
    if (!named.isEmpty() && !team.requestsMayChoose()) {
      throw new ApiError(403, "auth_error", "Your team does not have permission to modify guardrails: the request names "
          + named.size() + " guardrail(s); ask a proxy admin to allow it (team metadata.guardrails.modify_guardrails)",
          "guardrails");
    }
    JsonNode keyMeta = key == null ? null : key.metadata();
    named.addAll(team.names());
    boolean noGlobal = Boolean.TRUE.equals(team.disableGlobal());
    Set<String> optedOut = new HashSet<>(team.optedOut());
    if (keyMeta != null) {
      names(keyMeta.get("guardrails"), named);
      JsonNode keyDisable = keyMeta.get("disable_global_guardrails");
      if (keyDisable != null && !keyDisable.isNull()) { // the key's setting wins over its team's, as in LiteLLM
        noGlobal = keyDisable.asBoolean(false);
      }
      names(keyMeta.get("opted_out_global_guardrails"), optedOut);
    }
    List<ConfiguredGuardrail> out = new ArrayList<>();
    for (ConfiguredGuardrail g : all) {
      boolean global = g.defaultOn() && !noGlobal && !optedOut.contains(g.name());
      if (global || named.contains(g.name())) {
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
