package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.budgets.EntityKind;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /sso/callback}: where the provider sends the browser back. Checks the {@code state} against the sealed
 * flow cookie (which it clears: a callback works once), trades the code ({@link OidcExchange}), reads the user
 * ({@link SsoIdentity}), applies the e-mail domain rule, finds or creates the user ({@link SsoUsers}) and issues a
 * dashboard session key ({@link SessionKeys}) on the database executor, then hands the key to the dashboard in a
 * sealed cookie and redirects to {@code /ui/#/login/sso}. Every failure is an HTML page ({@link SsoPages}).
 */
final class SsoCallback {
  private static final Logger LOG = LoggerFactory.getLogger(SsoCallback.class);
  /** Where the browser lands; the login page picks the session up with {@code POST /sso/session}. */
  static final String DASHBOARD = "/ui/#/login/sso";
  private final Supplier<GatewaySettings> settings;
  private final ControlPlane plane;
  private final OidcExchange exchange;

  SsoCallback(Supplier<GatewaySettings> settings, ControlPlane plane, OidcExchange exchange) {
    this.settings = settings;
    this.plane = plane;
    this.exchange = exchange;
  }

  void handle(RoutingContext ctx) {
    GatewaySettings s = settings.get();
    SsoSettings sso = s.sso();
    HttpServerResponse response = ctx.response();
    if (!sso.configured()) {
      SsoPages.notConfigured(response);
      return;
    }
    SealedCookie cookies = SealedCookie.keyedBy(s.masterKey());
    String flowText = SsoCookies.read(ctx.request(), SsoCookies.FLOW);
    boolean secure = SsoRoutes.secure(ctx, sso);
    SsoCookies.clear(response, SsoCookies.FLOW, SsoCookies.FLOW_PATH, secure); // one callback per login
    LoginFlow flow;
    try {
      flow = check(ctx, cookies, flowText);
    } catch (SsoFailure f) {
      SsoPages.error(response, f, true);
      return;
    }
    long started = System.currentTimeMillis();
    exchange.claims(sso.provider(), flow, ctx.request().getParam("code"))
        .map(claims -> admitted(sso, SsoIdentity.of(sso.provider(), sso.policy().roleMapping(), claims)))
        .compose(who -> onDatabase(ctx, () -> signIn(sso, who, started)))
        .onSuccess(issued -> {
          SsoCookies.set(response, SsoCookies.HANDOFF, handoff(cookies, issued), SsoCookies.HANDOFF_PATH,
              SsoCookies.HANDOFF_SECONDS, secure);
          response.setStatusCode(303).putHeader("Location", DASHBOARD).putHeader("Cache-Control", "no-store").end();
        })
        .onFailure(e -> {
          if (e instanceof SsoFailure f) {
            LOG.info("SSO sign-in failed ({}): {}", f.status(), f.getMessage());
            SsoPages.error(response, f, true);
          } else {
            LOG.error("SSO sign-in failed", e);
            SsoPages.error(response, new SsoFailure(500, "The gateway could not finish the sign-in",
                "Storing the user or the session key failed; the gateway's log has the details. Try again later."),
                true);
          }
        });
  }

  /** The login this callback finishes, if its state is the one this browser started. */
  private static LoginFlow check(RoutingContext ctx, SealedCookie cookies, String flowText) {
    String error = ctx.request().getParam("error");
    if (error != null) {
      String description = ctx.request().getParam("error_description");
      throw SsoFailure.refused(401, "The identity provider did not sign you in: " + error
          + (description == null || description.isBlank() ? "" : " (" + description + ")") + ".");
    }
    LoginFlow flow = LoginFlow.open(cookies, flowText, System.currentTimeMillis()).orElseThrow(() ->
        SsoFailure.badCallback("This sign-in was not started in this browser, or it was started more than 10 "
            + "minutes ago. Start it again."));
    String state = ctx.request().getParam("state");
    if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
        flow.state().getBytes(StandardCharsets.UTF_8))) {
      throw SsoFailure.badCallback("The provider's answer does not belong to the sign-in this browser started "
          + "(the state parameter does not match). Start it again.");
    }
    String code = ctx.request().getParam("code");
    if (code == null || code.isBlank()) {
      throw SsoFailure.badCallback("The provider sent no authorization code.");
    }
    return flow;
  }

  private static SsoIdentity admitted(SsoSettings sso, SsoIdentity who) {
    if (!sso.policy().emailAllowed(who.email())) {
      throw SsoFailure.refused(403, who.email() == null
          ? "Only e-mail domains " + sso.policy().allowedEmailDomains() + " may sign in, and the identity provider "
              + "sent no e-mail address for " + who.userId() + "."
          : "The e-mail domain of " + who.email() + " is not allowed to sign in (ALLOWED_EMAIL_DOMAINS: "
              + String.join(", ", sso.policy().allowedEmailDomains()) + "). Contact your admin.");
    }
    return who;
  }

  private SessionKeys.Issued signIn(SsoSettings sso, SsoIdentity who, long now) {
    SsoUsers.SignedIn user = SsoUsers.upsert(plane.entities(), who, sso.policy(), now);
    plane.userCache().invalidate(user.userId());
    plane.entityCache().invalidate(EntityKind.USER, user.userId());
    LOG.info("SSO sign-in: user {} ({}{})", user.userId(), user.role().wire(), user.created() ? ", new" : "");
    return SessionKeys.issue(plane, user, sso.policy(), who.authProvider(), now);
  }

  private static String handoff(SealedCookie cookies, SessionKeys.Issued issued) {
    ObjectNode v = Json.object();
    v.put("key", issued.key());
    v.put("user_id", issued.row().userId());
    v.put("expires", issued.row().expires());
    return cookies.seal(SessionHandoff.PURPOSE, v, System.currentTimeMillis() + SsoCookies.HANDOFF_SECONDS * 1000);
  }

  private <T> Future<T> onDatabase(RoutingContext ctx, Supplier<T> work) {
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(work, plane.database().executor()),
        ctx.vertx().getOrCreateContext()).recover(e -> Future.failedFuture(
            e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e));
  }
}
