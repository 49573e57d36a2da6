package dev.tollgate.gateway.upstream;

import dev.tollgate.core.auth.AccessTokens;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.Provider;
import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Bearer tokens for providers whose credential is an OAuth2 access token (Vertex AI): before an attempt is sent, the
 * provider's {@link Provider#accessToken token request} is answered from a gateway-wide cache, or fetched on a Vert.x
 * worker thread (the exchange with Google's token endpoint is blocking I/O and never runs on the event loop); the
 * returned future completes on the request's event loop with the target carrying the token as its API key.
 */
public final class UpstreamTokens {
  private static final AccessTokens TOKENS = AccessTokens.google();

  private UpstreamTokens() {}

  /** {@code target} as is when its provider needs no token (every provider but Vertex AI), else with the token. */
  public static Future<CallTarget> authorize(Context context, Provider provider, CallTarget target) {
    if (provider == null) {
      return Future.succeededFuture(target);
    }
    var need = provider.accessToken(target);
    if (need.isEmpty()) {
      return Future.succeededFuture(target);
    }
    var token = TOKENS.getAsync(need.get(),
        task -> context.executeBlocking(() -> {
          task.run();
          return null;
        }, false));
    return Future.fromCompletionStage(token, context).map(t -> target.withApiKey(t.value()));
  }

  /** After the provider refused a token (401): forget it, so the next attempt fetches a new one. */
  public static void rejected(Provider provider, CallTarget target) {
    provider.accessToken(target.withApiKey(null)).ifPresent(TOKENS::invalidate);
  }
}
