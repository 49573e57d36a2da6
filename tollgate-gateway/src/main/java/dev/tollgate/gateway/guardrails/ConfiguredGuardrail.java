package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One {@code guardrails:} entry as loaded: its name, integration id, modes, whether it runs on every request, the
 * free-form {@code guardrail_info} (returned by {@code GET /guardrails/list}) and the check itself: a synchronous
 * {@code check} for the built-ins, or an asynchronous {@code remote} one for guardrails that call a service (exactly
 * one of the two is set).
 */
public record ConfiguredGuardrail(String name, String integration, Set<GuardrailMode> modes, boolean defaultOn,
    JsonNode info, JsonNode params, Guardrail check, AsyncGuardrail remote) {

  public ConfiguredGuardrail {
    modes = Set.copyOf(modes);
    if ((check == null) == (remote == null)) {
      throw new IllegalArgumentException("a guardrail has either a synchronous or a remote check: " + name);
    }
  }

  /** A built-in (synchronous) guardrail. */
  public ConfiguredGuardrail(String name, String integration, Set<GuardrailMode> modes, boolean defaultOn,
      JsonNode info, JsonNode params, Guardrail check) {
    this(name, integration, modes, defaultOn, info, params, check, null);
  }

  public boolean runs(GuardrailMode mode) {
    return modes.contains(mode);
  }

  /** True when the check calls a service ({@link #remote()}). */
  public boolean isRemote() {
    return remote != null;
  }
}
