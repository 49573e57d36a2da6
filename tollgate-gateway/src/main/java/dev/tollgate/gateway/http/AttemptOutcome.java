package dev.tollgate.gateway.http;

import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.types.ChatRequest;
import java.util.function.Supplier;

/**
 * What one successful routed attempt produced, for the handler to answer with once the router is done: a local
 * mock answer, a whole upstream reply, or an upstream stream whose head said 2xx (nothing sent to the client yet).
 */
sealed interface AttemptOutcome {
  /** The deployment that answered, resolved. */
  Route route();

  /** The call target as called (per-request overrides and the attempt's timeout applied). */
  CallTarget target();

  /**
   * A mock deployment or a request {@code mock_response}: answered here, no upstream call. A mock that names an error
   * ({@code litellm.RateLimitError}) fails the attempt instead, so it exercises retries and fallbacks as in LiteLLM.
   *
   * @param chat the chat request the mock answers (the target's model, the mock text); null for embeddings
   */
  record Mock(Route route, CallTarget target, ChatRequest chat) implements AttemptOutcome {}

  /** A 2xx reply, already in OpenAI's format. */
  record Body(Route route, CallTarget target, byte[] bytes) implements AttemptOutcome {}

  /**
   * A stream whose upstream answered 2xx; its body is paused until the handler relays it.
   *
   * @param sent the request as sent, bound only if the stream ends without usage
   */
  record Stream(Route route, CallTarget target, VertxUpstream.OpenReply reply, ChatStreamRelay relay,
      Supplier<ChatRequest> sent) implements AttemptOutcome {}
}
