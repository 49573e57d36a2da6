package dev.tollgate.gateway.activity;

/**
 * One row of the daily aggregates as the activity endpoints read it: an entity's usage on one UTC day through one key,
 * model and provider on one endpoint (or, for the aggregated endpoints, those summed over the entities).
 *
 * @param entityId the user, team, organization, customer or tag; {@code ""} for a call without one
 * @param day {@code YYYY-MM-DD}
 * @param modelGroup the public model name the call asked for; may be null
 */
record DailyRow(String entityId, String day, String apiKey, String model, String modelGroup, String provider,
    String endpoint, long promptTokens, long completionTokens, long cacheReadTokens, long cacheCreationTokens,
    double spend, long requests, long successes, long failures) {}
