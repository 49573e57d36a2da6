package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.cache.EmbeddingBatch;
import dev.tollgate.gateway.calls.CallRecord;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.router.CallLease;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.guardrails.GuardrailMetrics;
import dev.tollgate.gateway.guardrails.GuardrailServices;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code POST /v1/embeddings}: validate, run the pre-call guardrails on the input ({@link GuardedEmbeddings}), then
 * the per-item cache and the router, and call the provider's embeddings endpoint.
 */
public final class EmbeddingsHandler implements Handler<RoutingContext> {
  private final VertxUpstream upstream;
  private final Supplier<GatewaySettings> settings;
  private final CallEnd end;
  private final dev.tollgate.gateway.cache.ResponseCache cache;
  private final GuardrailMetrics guardMetrics;
  private final GuardrailServices guardServices;

  /** @param guardServices the clients remote guardrails use (this event loop's) */
  public EmbeddingsHandler(VertxUpstream upstream, Supplier<GatewaySettings> settings, ControlPlane plane,
      GuardrailServices guardServices) {
    this.upstream = upstream;
    this.settings = settings;
    this.end = new CallEnd(plane);
    this.cache = plane.responseCache();
    this.guardMetrics = new GuardrailMetrics(plane.metrics().registry());
    this.guardServices = guardServices;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    CallRecord record = CallStart.record(ctx);
    try {
      GatewaySettings current = settings.get();
      EmbeddingRequest request = RequestBodies.embedding(ctx);
      record.body(request.user(), request.extra().get("metadata"), request.extra().get("tags"));
      GuardedEmbeddings.then(ctx, current, RequestBodies.object(ctx), request, record, guardMetrics, guardServices,
          guarded -> route(ctx, current, guarded, record, start));
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  /** After the pre-call guardrails (the input masked where they masked it): the cache, then the router. */
  private void route(RoutingContext ctx, GatewaySettings current, EmbeddingRequest request, CallRecord record,
      long start) {
    HttpServerResponse response = ctx.response();
    try {
      String group = Routing.group(ctx, current, request.model());
      RouteRequest routeRequest = RouteRequests.of(group, request.extra()::get, ctx.request()::getHeader, false,
          () -> inputTokens(request));
      var cachePlan = CachedAnswers.plan(ctx, current, "aembedding", group, RequestBodies.peek(ctx));
      var batch = cachePlan == null ? null : EmbeddingBatch.of(cachePlan, group, RequestBodies.peek(ctx));
      JsonNode dropParams = request.extra().get("drop_params");
      boolean mockAsked = request.extra().containsKey("mock_response");
      EmbeddingRequest outgoing = ControlParams.strip(request); // once, before routing; a record, never edited
      var caller = new Attempts.Request(Vertx.currentContext(), response, Caller.of(ctx).key(),
          dropParams != null && dropParams.asBoolean(false), record, group);
      EmbeddingCache.serve(ctx, cache, cachePlan, batch, record,
          cached -> CachedAnswers.answer(response, record, end, record.cacheKey, batch.merge(cached, null), group,
              start, false, false),
          (missing, cached) -> {
            EmbeddingRequest sent = missing == null || missing.size() == batch.size() ? outgoing
                : new EmbeddingRequest(outgoing.model(), batch.inputOf(missing), outgoing.encodingFormat(),
                    outgoing.dimensions(), outgoing.user(), outgoing.extra());
            var attempt = Attempts.of(current, caller, (route, target) -> {
              if (route.isMock() || mockAsked) {
                return Future.succeededFuture(new AttemptOutcome.Mock(route, target, null));
              }
              EmbeddingAdapter adapter = route.provider().embeddings().orElseThrow(() -> ApiError.badRequest(
                  "model '" + request.model() + "' is served by " + route.providerName()
                      + ", which has no embeddings endpoint in Tollgate", "model"));
              var call = adapter.embeddingCall(sent, target);
              return JsonReplies.send(upstream, call, target, adapter::error, adapter::embeddingResponseBytes)
                  .map(bytes -> new AttemptOutcome.Body(route, target, bytes));
            });
            RoutedCalls.run(ctx, current, record, routeRequest, group, start, attempt, (outcome, lease) -> {
              if (outcome instanceof AttemptOutcome.Body b) {
                JsonReplies.answer(response, EmbeddingCache.merge(cache, cachePlan, batch, missing, cached,
                    b.bytes()), record, end, lease);
                return;
              }
              answer(response, record, outcome, lease, request);
            });
          });
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  private void answer(HttpServerResponse response, CallRecord record, AttemptOutcome outcome, CallLease lease,
      EmbeddingRequest request) {
    if (outcome instanceof AttemptOutcome.Body b) {
      JsonReplies.answer(response, b.bytes(), record, end, lease);
      return;
    }
    var answer = MockResponder.embedding(request.withModel(outcome.target().model()));
    byte[] body = Json.write(answer);
    Leases.finish(lease, answer.usage());
    end.success(response, record, answer.usage());
    response.putHeader("content-type", "application/json").end(Buffer.buffer(body));
  }

  /** The input's tokens, for the router's tpm and context-window checks. */
  private static long inputTokens(EmbeddingRequest request) {
    JsonNode input = request.input();
    if (input == null) {
      return 0;
    }
    if (input.isTextual()) {
      return TokenCounter.countText(request.model(), input.asText());
    }
    long n = 0;
    for (JsonNode item : input) {
      if (item.isTextual()) {
        n += TokenCounter.countText(request.model(), item.asText());
      } else if (item.isArray()) {
        n += item.size(); // already token ids
      }
    }
    return n;
  }
}
