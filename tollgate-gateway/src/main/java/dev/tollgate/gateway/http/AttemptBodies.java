package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The chat body each routed attempt sends. Adapters that speak OpenAI's format edit the tree they are given (the
 * provider's model, deployment defaults, dropped or renamed params), so a retry on another deployment must not see the
 * first attempt's edits: the first attempt gets the parsed body itself (the common case costs nothing), every later
 * one a fresh parse of the request bytes with the control fields stripped again. Confined to the request's event
 * loop.
 */
final class AttemptBodies {
  private final RoutingContext ctx;
  private final ObjectNode first;
  private boolean firstTaken;
  private java.util.function.Consumer<ObjectNode> onReparse = b -> {};

  /** @param first the parsed body with its control fields already stripped */
  AttemptBodies(RoutingContext ctx, ObjectNode first) {
    this.ctx = ctx;
    this.first = first;
  }

  /** Applies {@code fix} to every re-read body (the pre-call guardrails' masks); returns this. */
  AttemptBodies onReparse(java.util.function.Consumer<ObjectNode> fix) {
    this.onReparse = fix;
    return this;
  }

  /** The body for the next attempt; unchanged by any earlier attempt. */
  ObjectNode next() {
    if (!firstTaken) {
      firstTaken = true;
      return first;
    }
    try {
      ObjectNode fresh = ControlParams.strip((ObjectNode) Json.MAPPER.readTree(ctx.body().buffer().getBytes()));
      onReparse.accept(fresh);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the same bytes parsed once already
    }
  }
}
