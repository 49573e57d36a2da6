package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * What the calling key's team says about guardrails, as LiteLLM keeps it in the team's {@code metadata}. Read from
 * the cached team entity, so it costs no database round trip.
 *
 * @param names the guardrails that run on every call made with one of the team's keys ({@code guardrails})
 * @param disableGlobal whether the team's keys skip every {@code default_on} guardrail
 *     ({@code disable_global_guardrails}); null when the team does not say (a key's own setting wins over the team's)
 * @param optedOut the {@code default_on} guardrails the team's keys skip, by name
 *     ({@code opted_out_global_guardrails})
 * @param requestsMayChoose false when the team forbids its callers to name guardrails in a request (LiteLLM's
 *     {@code metadata.guardrails: {"modify_guardrails": false}}); such a request is refused with a 403
 */
public record TeamGuardrails(List<String> names, Boolean disableGlobal, List<String> optedOut,
    boolean requestsMayChoose) {
  public static final TeamGuardrails NONE = new TeamGuardrails(List.of(), null, List.of(), true);

  public TeamGuardrails {
    names = names == null ? List.of() : List.copyOf(names);
    optedOut = optedOut == null ? List.of() : List.copyOf(optedOut);
  }

  /** A team that names guardrails and may turn the global ones off, with no opt-outs and no restriction. */
  public TeamGuardrails(List<String> names, Boolean disableGlobal) {
    this(names, disableGlobal, List.of(), true);
  }

  /** True when the team says nothing about guardrails. */
  public boolean isEmpty() {
    return names.isEmpty() && disableGlobal == null && optedOut.isEmpty() && requestsMayChoose;
  }
}
