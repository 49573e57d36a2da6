package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/** {@code POST /v1/embeddings}: validate, route, call the provider's embeddings endpoint. */
public final class EmbeddingsHandler implements Handler<RoutingContext> {
  private final VertxUpstream upstream;
  private final Supplier<GatewaySettings> settings;
  private final CallEnd end;

  public EmbeddingsHandler(VertxUpstream upstream, Supplier<GatewaySettings> settings, ControlPlane plane) {
    this.upstream = upstream;
    this.settings = settings;
    this.end = new CallEnd(plane);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpServerResponse response = ctx.response();
    CallRecord record = CallStart.record(ctx);
    try {
      GatewaySettings current = settings.get();
      EmbeddingRequest request = RequestBodies.embedding(ctx);
      record.body(request.user(), request.extra().get("metadata"), request.extra().get("tags"));
      Routing.Prepared prepared = Routing.prepare(ctx, current, record, request.model(), request.extra()::get, start);
      Route route = prepared.route();
      CallTarget target = prepared.target();
      if (route.isMock() || request.extra().containsKey("mock_response")) {
        var answer = MockResponder.embedding(request.withModel(target.model()));
        byte[] body = Json.write(answer);
        end.success(response, record, answer.usage());
        response.putHeader("content-type", "application/json").end(Buffer.buffer(body));
        return;
      }
      EmbeddingAdapter adapter = route.provider().embeddings().orElseThrow(() -> ApiError.badRequest(
          "model '" + request.model() + "' is served by " + route.providerName()
              + ", which has no embeddings endpoint in Tollgate", "model"));
      var call = adapter.embeddingCall(ControlParams.strip(request), target);
      JsonReplies.forward(upstream, call, target, response, adapter::error, adapter::embeddingResponseBytes, record,
          end);
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(response, e);
    }
  }
}
