package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Principal;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import io.vertx.ext.web.RoutingContext;

/** Small helpers every management route uses: error answering, who made a change, query parameters. */
final class Calls {
  private Calls() {}

  /** Runs {@code step} (body checks on the event loop, then {@link Replies#blocking}); a thrown error is answered. */
  static void guard(RoutingContext ctx, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** The JSON object body ({@code {}} when empty). */
  static ObjectNode body(RoutingContext ctx) {
    return KeyRoutes.body(ctx);
  }

  /**
   * Who the audit log names: the {@code litellm-changed-by} header when sent, else the caller's user id, else
   * LiteLLM's alias for the master key.
   */
  static String changedBy(RoutingContext ctx) {
    String header = ctx.request().getHeader("litellm-changed-by");
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    Principal p = Principal.of(ctx);
    return p.userId() != null ? p.userId() : KeyRoutes.MASTER_ALIAS;
  }

  /** A required query parameter. */
  static String requiredParam(RoutingContext ctx, String name, String what) {
    String v = param(ctx, name);
    if (v == null) {
      throw ApiError.badRequest("query parameter '" + name + "' is required: " + what, name);
    }
    return v;
  }

  /** An optional query parameter, stripped; null when absent or blank. */
  static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    EntityFields.noNul(name, v);
    return v.strip();
  }

  static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.strip());
      if (v < min || v > max) {
        throw ApiError.badRequest("'" + name + "' must be between " + min + " and " + max + ", got " + v, name);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'" + name + "' must be a whole number, got '" + raw + "'", name);
    }
  }
}
