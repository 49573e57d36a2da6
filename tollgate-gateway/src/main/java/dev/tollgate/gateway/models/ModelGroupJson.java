package dev.tollgate.gateway.models;


import dev.tollgate.core.router.ModelGroups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model groups in LiteLLM's {@code /model_group/info} shape ({@code ModelGroupInfo}): per public model name, the
 * providers of its deployments and the first known value of each price, context and capability field.
 */
public final class ModelGroupJson {
  private static final List<String> FIELDS = List.of(
      "max_input_tokens", "max_output_tokens", "max_tokens", "input_cost_per_token", "output_cost_per_token", "mode",
      "supports_parallel_function_calling", "supports_vision", "supports_function_calling", "supports_tool_choice",
      "supports_response_schema", "supports_reasoning", "supports_prompt_caching", "supports_system_messages");

  private ModelGroupJson() {}

  /** One entry per model name in {@code entries} (in their order). */
  public static ArrayNode groups(List<ModelEntry> entries, RouteResolver router) {
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    Map<String, Set<String>> providers = new LinkedHashMap<>();
    for (ModelEntry e : entries) {
      String name = e.deployment().modelName();
      ObjectNode info = (ObjectNode) ModelJson.info(e, router).get("model_info");
      ObjectNode group = groups.computeIfAbsent(name, n -> {
        ObjectNode g = Json.object();
        g.put("model_group", n);
        return g;
      });
      for (String field : FIELDS) {
        JsonNode v = info.get(field);
        if (v != null && !v.isNull() && !group.has(field)) {
          group.set(field, v);
        }
      }
      providers.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(provider(e, router));
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    groups.forEach((name, group) -> {
      ArrayNode list = group.putArray("providers");
      providers.get(name).forEach(list::add);
      out.add(group);
    });
    return out;
  }

  private static String provider(ModelEntry e, RouteResolver router) {
    if (e.deployment().customLlmProvider() != null) {
      return e.deployment().customLlmProvider();
    }
    try {
      return router.resolve(new ModelGroups.Pick(e.deployment(), e.deployment().modelName())).providerName();
    } catch (RuntimeException unknown) {
      String m = e.deployment().litellmModel();
      return m.contains("/") ? m.substring(0, m.indexOf('/')) : "openai";
    }
  }
}
