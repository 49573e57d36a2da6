package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.keys.VirtualKey;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, as {@link KeyAuth} established it; stored on the {@link RoutingContext} under {@link #CONTEXT_KEY}
 * for later stages (model access, limits, spend).
 *
 * @param key the virtual key, or null for the master key
 */
public record Caller(VirtualKey key) {
  public static final String CONTEXT_KEY = "tollgate.caller";
  public static final Caller MASTER = new Caller(null);

  public boolean isMaster() {
    return key == null;
  }

  /** The caller of this request; {@link #MASTER} when no auth stage ran (routes without auth). */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    return caller == null ? MASTER : caller;
  }
}
