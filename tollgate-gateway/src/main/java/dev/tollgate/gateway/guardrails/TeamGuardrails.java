package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * What the calling key's team says about guardrails, as LiteLLM keeps it in the team's {@code metadata}: the names
 * that run on every call made with one of the team's keys ({@code guardrails}), and whether the team's keys skip the
 * {@code default_on} guardrails ({@code disable_global_guardrails}; null when the team does not say, a key's own
 * setting wins over the team's). Read from the cached team entity, so it costs no database round trip.
 */
public record TeamGuardrails(List<String> names, Boolean disableGlobal) {
  public static final TeamGuardrails NONE = new TeamGuardrails(List.of(), null);

  public TeamGuardrails {
    names = names == null ? List.of() : List.copyOf(names);
  }

  /** True when the team neither names guardrails nor turns the global ones off or on. */
  public boolean isEmpty() {
    return names.isEmpty() && disableGlobal == null;
  }
}
