package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One {@code guardrails:} entry as loaded: its name, integration id, modes, whether it runs on every request, the
 * free-form {@code guardrail_info} (returned by {@code GET /guardrails/list}) and the check itself.
 */
public record ConfiguredGuardrail(String name, String integration, Set<GuardrailMode> modes, boolean defaultOn,
    JsonNode info, JsonNode params, Guardrail check) {

  public ConfiguredGuardrail {
    modes = Set.copyOf(modes);
  }

  public boolean runs(GuardrailMode mode) {
    return modes.contains(mode);
  }
}
