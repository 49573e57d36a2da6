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
 * {@code default_on} ones always (unless the key sets {@code disable_global_guardrails}), plus those the request names
 * ({@code guardrails} in the body or in its {@code metadata}) and those the key names ({@code guardrails}, stored in
 * the key's metadata as LiteLLM stores it). Names that no entry has are ignored, as LiteLLM ignores them.
 */
public final class GuardrailSet {
  public static final GuardrailSet NONE = new GuardrailSet(List.of());
  private final List<ConfiguredGuardrail> all;
  private final Map<String, ConfiguredGuardrail> byName = new LinkedHashMap<>();
  private final boolean hasRemote;

  public GuardrailSet(List<ConfiguredGuardrail> all) {
    this.all = List.copyOf(all);
    all.forEach(g -> byName.putIfAbsent(g.name(), g));
    this.hasRemote = all.stream().anyMatch(ConfiguredGuardrail::isRemote);
  }

  /** True when some guardrail calls a service: only then does a request need to look for remote ones. */
  public boolean hasRemote() {
    return hasRemote;
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
    boolean noGlobal = false;
    if (keyMeta != null) {
      names(keyMeta.get("guardrails"), named);
      noGlobal = keyMeta.path("disable_global_guardrails").asBoolean(false);
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
