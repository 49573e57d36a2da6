package dev.tollgate.gateway.http;

import dev.tollgate.core.router.CallLease;
import dev.tollgate.providers.types.Usage;

/** Ends the router's lease on a call with the call's usage (tokens count toward the deployment's tpm). */
final class Leases {
  private Leases() {}

  static void finish(CallLease lease, Usage usage) {
    if (lease == null) {
      return;
    }
    long completion = usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens();
    long total = usage == null ? 0
        : usage.totalTokens() != null ? usage.totalTokens()
            : completion + (usage.promptTokens() == null ? 0 : usage.promptTokens());
    lease.finish(completion, total);
  }
}
