package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.calls.CallRecord;
import java.util.List;

/**
 * What the spend writer keeps of one completed call until its batch is written: the values of its
 * {@code tg_spend_logs} row and of the spend and daily aggregates it adds to, and nothing else. {@link #of} makes it on
 * the request's event loop when the call completes by copying fields (no JSON is written there), so that a queued
 * call costs this object instead of its {@link CallRecord} with everything that one reaches (completion listeners
 * with their rate-limit outcomes, the route and its target, the router's trace).
 *
 * <p>{@link #requestMetadata} is the request body's own {@code metadata} object (with the guardrail runs added to it),
 * shared, not copied: nothing changes it once the call completed ({@link CallRecord#acceptsGuardrailRuns}). The row's
 * {@code metadata} column is that object plus the fields listed in {@link SpendMetadata}, written by the writer.
 *
 * @param virtualKey true when a virtual key called (the call then counts towards its key's model budgets)
 * @param keyAlias the virtual key's alias ({@code metadata.user_api_key_alias})
 * @param routed true when the call reached the router: {@link #attemptedRetries} and {@link #attemptedFallbacks} are
 *     then its retries and fallbacks
 * @param usageKnown false when the call reported no usage
 * @param usageEstimated true when the gateway counted the usage (a stream that reported none)
 * @param writeLogRow false under {@code general_settings.disable_spend_logs}: the spend counts, no log row
 */
public record SpendRow(
    String requestId,
    String callType,
    String apiKey,
    boolean virtualKey,
    String keyAlias,
    String userId,
    String teamId,
    String organizationId,
    String endUser,
    String modelGroup,
    String deploymentId,
    String provider,
    String model,
    String apiBase,
    long startMillis,
    long endMillis,
    long promptTokens,
    long completionTokens,
    long totalTokens,
    long cacheReadTokens,
    long cacheCreationTokens,
    double cost,
    String status,
    int httpStatus,
    String errorType,
    String errorMessage,
    ObjectNode requestMetadata,
    boolean routed,
    int attemptedRetries,
    int attemptedFallbacks,
    boolean usageKnown,
    boolean usageEstimated,
    List<String> tags,
    String requesterIp,
    boolean cacheHit,
    String cacheKey,
    String messages,
    String response,
    boolean writeLogRow) {

  /** The row of a completed call; its low-variety texts are {@link SharedStrings}. */
  public static SpendRow of(CallRecord r) {
    var trace = r.trace;
    return new SpendRow(r.requestId, r.callType, r.apiKey, r.virtualKey != null, r.keyAlias, r.userId, r.teamId,
        r.organizationId, SharedStrings.of(r.endUser), SharedStrings.of(r.modelGroup),
        SharedStrings.of(r.deploymentId), SharedStrings.of(r.provider), SharedStrings.of(r.model),
        SharedStrings.of(r.apiBase), r.startMillis, r.endMillis, r.promptTokens, r.completionTokens, r.totalTokens,
        r.cacheReadTokens, r.cacheCreationTokens, r.cost, r.status, r.httpStatus, SharedStrings.of(r.errorType),
        r.errorMessage, r.metadata, trace != null, trace == null ? 0 : trace.attemptedRetries(),
        trace == null ? 0 : trace.attemptedFallbacks(), r.usageKnown, r.usageEstimated, r.tags,
        SharedStrings.of(r.requesterIp), r.cacheHit, r.cacheKey, r.messages, r.response, r.writeLogRow);
  }

  /** Where a virtual key's call counts for its model budgets ({@link PendingSpend#keyModel}), or null. */
  String keyModel() {
    return !virtualKey || modelGroup == null ? null : PendingSpend.keyModel(apiKey, modelGroup);
  }

  boolean succeeded() {
    return "success".equals(status);
  }
}
