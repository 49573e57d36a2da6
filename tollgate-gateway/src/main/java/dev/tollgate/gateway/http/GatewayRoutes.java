package dev.tollgate.gateway.http;

import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.admin.KeyRoutes;
import dev.tollgate.gateway.admin.ModelRoutes;
import dev.tollgate.gateway.models.ModelSync;
import dev.tollgate.gateway.auth.KeyAuth;
import dev.tollgate.gateway.auth.RefusedCalls;
import dev.tollgate.gateway.upstream.VertxUpstream;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * The HTTP surface: OpenAI-compatible routes with and without {@code /v1}, Anthropic's {@code /v1/messages}, health
 * probes, and one failure handler that answers in the route's error shape (OpenAI's, or Anthropic's on the
 * Anthropic routes).
 */
public final class GatewayRoutes {
  private GatewayRoutes() {}

  public static Router build(Vertx vertx, VertxUpstream upstream, Supplier<GatewaySettings> settings,
      ControlPlane plane, ModelSync modelSync, dev.tollgate.gateway.guardrails.stored.GuardrailSync guardrailSync) {
    GatewaySettings initial = settings.get();
    Router router = Router.router(vertx);
    KeyAuth auth = new KeyAuth(initial.masterKey(), initial.customKeyHeader(), plane.keyCache(),
        plane.pendingSpend(), plane.blocklist());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(initial.maxBodyBytes());

    router.get("/health/liveliness").handler(HealthHandler::liveliness);
    router.get("/health/liveness").handler(HealthHandler::liveliness);
    router.get("/health/readiness").handler(HealthHandler::readiness);
    router.get("/metrics").handler(new dev.tollgate.gateway.metrics.MetricsHandler(plane.metrics()));

    String masterHash = dev.tollgate.gateway.keys.Keys.hash(initial.masterKey());
    RefusedCalls refused = new RefusedCalls(plane.spend()::add);
    CallStart chatCall = new CallStart("acompletion", masterHash, plane, settings);
    KeyAuth chatAuth = auth.forCalls("acompletion", refused);
    // remote guardrails call out over this event loop's upstream client, and judge models through the router
    var guardServices = new dev.tollgate.gateway.guardrails.GuardrailServices(vertx, upstream,
        new RoutedModelCalls(upstream, settings));
    ChatCompletionsHandler chat = new ChatCompletionsHandler(vertx, upstream, settings, plane, guardServices);
    for (String path : new String[] {"/v1/chat/completions", "/chat/completions", "/openai/v1/chat/completions"}) {
      router.post(path).handler(chatAuth).handler(body).handler(chatCall).handler(chat);
    }
    CallStart embeddingCall = new CallStart("aembedding", masterHash, plane, settings);
    KeyAuth embeddingAuth = auth.forCalls("aembedding", refused);
    EmbeddingsHandler embeddings = new EmbeddingsHandler(upstream, settings, plane, guardServices);
    for (String path : new String[] {"/v1/embeddings", "/embeddings", "/openai/v1/embeddings"}) {
      router.post(path).handler(embeddingAuth).handler(body).handler(embeddingCall).handler(embeddings);
    }
    // Anthropic's Messages API over every model group; errors in Anthropic's shape from the first handler on
    CallStart messagesCall = new CallStart("anthropic_messages", masterHash, plane, settings,
        MessagesHandler::endUser);
    KeyAuth messagesAuth = auth.forCalls("anthropic_messages", refused);
    router.post("/v1/messages").handler(MessagesErrors.use()).handler(messagesAuth).handler(body)
        .handler(messagesCall).handler(new MessagesHandler(vertx, upstream, settings, plane, guardServices));
    router.post("/v1/messages/count_tokens").handler(MessagesErrors.use()).handler(auth).handler(body)
        .handler(new CountTokensHandler(settings));
    ModelsHandler models = new ModelsHandler(settings, plane.entityCache());
    for (String prefix : new String[] {"/v1", "", "/openai/v1"}) {
      router.get(prefix + "/models").handler(auth).handler(models::list);
      router.get(prefix + "/models/:model").handler(auth).handler(models::one);
    }

    KeyRoutes.register(router, auth, body, plane, () -> settings.get().models().accessGroups());
    ModelRoutes.register(router, auth, body, plane, settings, modelSync);
    dev.tollgate.gateway.health.HealthRoutes.register(router, auth, body, plane, settings, upstream);
    dev.tollgate.gateway.spend.SpendReportRoutes.register(router, auth, plane);
    dev.tollgate.gateway.admin.UserRoutes.register(router, auth, body, plane);
    dev.tollgate.gateway.admin.TeamRoutes.register(router, auth, body, plane);
    dev.tollgate.gateway.admin.OrganizationRoutes.register(router, auth, body, plane);
    dev.tollgate.gateway.admin.CustomerRoutes.register(router, auth, body, plane);
    dev.tollgate.gateway.admin.BudgetRoutes.register(router, auth, body, plane);
    dev.tollgate.gateway.spend.SpendRoutes.register(router, auth, plane);
    dev.tollgate.gateway.spend.SpendLogsUiRoutes.register(router, auth, plane);
    dev.tollgate.gateway.activity.DailyActivityRoutes.register(router, auth, plane);
    dev.tollgate.gateway.cache.CacheRoutes.register(router, auth, body, plane, settings);
    dev.tollgate.gateway.guardrails.GuardrailRoutes.register(router, auth, body, settings, guardServices);
    dev.tollgate.gateway.admin.GuardrailManagementRoutes.register(router, auth, body, plane, settings, guardrailSync);
    dev.tollgate.gateway.sso.SsoRoutes.register(router, vertx, auth, plane, settings);

    router.route().last().handler(ctx -> ErrorResponses.send(ctx.response(), new ApiError(404, "not_found_error",
        "Tollgate has no route " + ctx.request().method() + " " + ctx.request().path(), null)));
    router.route().failureHandler(GatewayRoutes::failure);
    return router;
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.failure() != null) {
      ErrorResponses.send(ctx, ctx.failure());
      return;
    }
    int status = ctx.statusCode() <= 0 ? 500 : ctx.statusCode();
    String message = switch (status) {
      case 413 -> "the request body is larger than this gateway accepts (general_settings.max_request_size_mb)";
      case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
      case 404 -> "Tollgate has no route " + ctx.request().method() + " " + ctx.request().path();
      case 400 -> "the request could not be read";
      default -> "the request failed with status " + status;
    };
    String type = status >= 500 ? "internal_server_error" : status == 404 ? "not_found_error" : "invalid_request_error";
    ErrorResponses.send(ctx, new ApiError(status, type, message, null));
  }
}
