package dev.tollgate.core.router;

/**
 * A routed call's result.
 *
 * @param value what the successful attempt produced
 * @param pick the deployment that answered (and what a wildcard matched)
 * @param modelGroup the group that answered (a fallback group after a fallback)
 * @param trace retries and fallbacks attempted
 * @param lease to be ended when the call is over
 */
public record Routed<T>(T value, ModelGroups.Pick pick, String modelGroup, RouteTrace trace, CallLease lease) {}
