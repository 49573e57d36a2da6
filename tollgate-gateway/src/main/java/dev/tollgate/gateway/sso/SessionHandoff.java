package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.providers.types.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /sso/session}: the dashboard picks up the session key a login just issued. The key travels in the sealed,
 * HttpOnly hand-off cookie (never in a URL); this answer is the one place the page reads it, and it clears the cookie.
 * Without a valid cookie the answer is a 401 in OpenAI's error shape.
 */
final class SessionHandoff {
  static final String PURPOSE = "sso-session";
  private final Supplier<GatewaySettings> settings;

  SessionHandoff(Supplier<GatewaySettings> settings) {
    this.settings = settings;
  }

  void handle(RoutingContext ctx) {
    GatewaySettings s = settings.get();
    String text = SsoCookies.read(ctx.request(), SsoCookies.HANDOFF);
    boolean secure = SsoRoutes.secure(ctx, s.sso());
    SsoCookies.clear(ctx.response(), SsoCookies.HANDOFF, SsoCookies.HANDOFF_PATH, secure);
    ctx.response().putHeader("Cache-Control", "no-store");
    Optional<ObjectNode> found = SealedCookie.keyedBy(s.masterKey()).open(PURPOSE, text, System.currentTimeMillis());
    if (found.isEmpty()) {
      ErrorResponses.send(ctx.response(), new ApiError(401, "auth_error", "No single sign-on session to pick up "
          + "(it is used once and lasts " + SsoCookies.HANDOFF_SECONDS + " seconds): sign in again.", null));
      return;
    }
    ObjectNode v = found.get();
    ObjectNode reply = Json.object();
    reply.put("key", v.path("key").asText());
    reply.put("user_id", v.path("user_id").asText());
    reply.put("expires", Instant.ofEpochMilli(v.path("expires").asLong()).toString());
    reply.put("login_method", "sso");
    ctx.response().putHeader("Content-Type", "application/json").end(Json.writeString(reply));
  }
}
