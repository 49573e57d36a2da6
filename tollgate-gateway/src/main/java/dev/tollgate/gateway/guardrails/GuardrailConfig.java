package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.guardrails.builtin.BuiltInGuardrails;
import dev.tollgate.gateway.guardrails.remote.RemoteGuardrails;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads LiteLLM's {@code guardrails:} list into a {@link GuardrailSet}. The offline built-ins
 * ({@link BuiltInGuardrails#IDS}) and the guardrails that call a service ({@link RemoteGuardrails#IDS}: LiteLLM's
 * {@code generic_guardrail_api}, Tollgate's {@code tollgate/llm_judge}) are loaded; LiteLLM's other integrations
 * (vendor services and Python classes) are skipped with a startup WARN naming them, so a LiteLLM config still loads;
 * any other id is a {@link ConfigException} naming it and the entry.
 */
public final class GuardrailConfig {
  private static final Logger LOG = LoggerFactory.getLogger(GuardrailConfig.class);

  /** LiteLLM's integration ids that need a remote service or Python: accepted, warned about, skipped. */
  public static final Set<String> NOT_SUPPORTED = Set.of("aporia", "bedrock", "guardrails_ai", "lakera", "lakera_v2",
      "presidio", "hiddenlayer", "aim", "pangea", "lasso", "pillar", "grayswan", "panw_prisma_airs",
      "azure/prompt_shield", "azure/text_moderations", "model_armor", "openai_moderation", "noma", "tool_permission",
      "zscaler_ai_guard", "javelin", "enkryptai", "ibm_guardrails", "litellm_content_filter", "mcp_security", "onyx",
      "prompt_security", "qualifire", "custom_code", "akto", "crowdstrike_aidr", "dynamoai",
      "promptguard", "qohash_qostodian_nexus", "rubrik", "prompt_injection", "detect_prompt_injection",
      "llmguard_moderations", "llamaguard_moderations", "google_text_moderation", "secret_detection");

  private static final Set<String> MCP_MODES = Set.of("pre_mcp_call", "during_mcp_call");

  private GuardrailConfig() {}

  /** The guardrails of {@code entries} (the raw config list, env references already resolved). */
  public static GuardrailSet read(List<JsonNode> entries) {
    return read(entries, java.util.Map.of());
  }

  /**
   * The guardrails of {@code entries}; {@code env} holds the variables some integrations fall back on, as in LiteLLM
   * ({@code GENERIC_GUARDRAIL_API_BASE} when a {@code generic_guardrail_api} entry has no {@code api_base}).
   */
  public static GuardrailSet read(List<JsonNode> entries, java.util.Map<String, String> env) {
    List<ConfiguredGuardrail> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ConfiguredGuardrail g = entry(entries.get(i), "guardrails[" + i + "]", env, false);
      if (g != null) {
        out.add(g);
      }
    }
    return new GuardrailSet(out);
  }

  /**
   * One guardrail as the management API stores it ({@code POST /guardrails}): the checks of a config entry, except that
   * what a config entry would be skipped for (an integration Tollgate does not run, only MCP modes) is an error too,
   * so that no guardrail is stored that could never run.
   *
   * @param where names the guardrail in error messages
   * @throws ConfigException naming the problem
   */
  public static ConfiguredGuardrail one(JsonNode entry, String where, java.util.Map<String, String> env) {
    return entry(entry, where, env, true);
  }

  private static ConfiguredGuardrail entry(JsonNode node, String where, java.util.Map<String, String> env,
      boolean strict) {
    JsonNode name = node.get("guardrail_name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new ConfigException(where + ".guardrail_name is required");
    }
    where = where + " (" + name.asText() + ")";
    JsonNode params = node.path("litellm_params");
    JsonNode id = params.get("guardrail");
    if (id == null || !id.isTextual()) {
      throw new ConfigException(where + ": litellm_params.guardrail (the integration id) is required");
    }
    String integration = id.asText();
    Set<GuardrailMode> modes = modes(params.get("mode"), where);
    boolean remote = RemoteGuardrails.IDS.contains(integration);
    if (!BuiltInGuardrails.IDS.contains(integration) && !remote) {
      if (strict && (NOT_SUPPORTED.contains(integration) || integration.contains("."))) {
        throw new ConfigException(where + ": integration '" + integration + "' is not supported by Tollgate (it needs "
            + "a vendor's service or Python code); Tollgate has " + BuiltInGuardrails.IDS + " and "
            + RemoteGuardrails.IDS + ", and a service that speaks LiteLLM's Generic Guardrail API works through "
            + "generic_guardrail_api (docs/guardrails.md)");
      }
      if (NOT_SUPPORTED.contains(integration) || integration.contains(".")) {
        LOG.warn("guardrail '{}' uses integration '{}', which Tollgate does not support (it needs a vendor's "
            + "service or Python code); it is skipped and will not run. Tollgate has {} and {}", name.asText(),
            integration, BuiltInGuardrails.IDS, RemoteGuardrails.IDS);
        return null;
      }
      throw new ConfigException(where + ": unknown guardrail integration '" + integration + "'; Tollgate has "
          + BuiltInGuardrails.IDS + " and " + RemoteGuardrails.IDS + " (docs/guardrails.md)");
    }
    if (modes.isEmpty() && strict) {
      throw new ConfigException(where + ": no mode Tollgate serves (MCP modes are not served); use pre_call, "
          + "during_call, post_call, logging_only or a list of them");
    }
    if (modes.isEmpty()) {
      LOG.warn("{}: no mode Tollgate serves; the guardrail is skipped", where);
      return null;
    }
    boolean defaultOn = params.path("default_on").asBoolean(false);
    if (remote) {
      return new ConfiguredGuardrail(name.asText(), integration, modes, defaultOn, node.get("guardrail_info"), params,
          null, RemoteGuardrails.build(integration, params, modes, where, env));
    }
    Guardrail check = BuiltInGuardrails.build(integration, params, where);
    return new ConfiguredGuardrail(name.asText(), integration, modes, defaultOn, node.get("guardrail_info"), params,
        check);
  }

  private static Set<GuardrailMode> modes(JsonNode node, String where) {
    Set<GuardrailMode> modes = EnumSet.noneOf(GuardrailMode.class);
    if (node == null || node.isNull()) {
      modes.add(GuardrailMode.PRE_CALL);
      return modes;
    }
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (JsonNode m : items) {
      if (MCP_MODES.contains(m.asText())) {
        LOG.warn("{}: mode '{}' is for MCP tool calls, which Tollgate does not serve; that mode is ignored", where,
            m.asText());
        continue;
      }
      GuardrailMode mode = GuardrailMode.of(m.asText());
      if (mode == null) {
        throw new ConfigException(where + ": unknown mode '" + m.asText()
            + "'; use pre_call, during_call, post_call, logging_only or a list of them");
      }
      modes.add(mode);
    }
    return modes;
  }
}
