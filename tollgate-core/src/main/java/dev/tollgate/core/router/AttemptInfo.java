package dev.tollgate.core.router;

import java.time.Duration;

/**
 * What the router tells one attempt.
 *
 * @param modelGroup the model group being tried (a fallback group after a fallback)
 * @param attempt 0 for the first call of the request, counting up over retries and fallbacks
 * @param fallback whether this group is a fallback
 * @param timeout how long this attempt may take: the deployment's (or request's, or router's) timeout, bounded by what
 *     is left of the request's deadline; for streams, the time to the first chunk
 */
public record AttemptInfo(String modelGroup, int attempt, boolean fallback, Duration timeout) {}
