package dev.tollgate.core.router;

import java.util.concurrent.CompletionStage;

/**
 * One call to one deployment, made by the caller of {@link Router#route}: the gateway sends the HTTP request on its
 * event loop, the SDK through its transport. The stage completes with the result (for a stream: when the upstream
 * answered 2xx and the stream may start, before anything was sent to the client), or fails with a typed
 * {@code ProviderException} (timeouts as {@code TimeoutException}); the router then decides on cooldown, retry and
 * fallback.
 */
@FunctionalInterface
public interface Attempt<T> {
  CompletionStage<T> call(ModelGroups.Pick pick, AttemptInfo info);
}
