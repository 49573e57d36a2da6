package dev.tollgate.gateway.http;

import dev.tollgate.providers.Ids;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.ModelAccess;
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

  public EmbeddingsHandler(VertxUpstream upstream, Supplier<GatewaySettings> settings) {
    this.upstream = upstream;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpServerResponse response = ctx.response();
    try {
      GatewaySettings current = settings.get();
      EmbeddingRequest request = RequestBodies.embedding(ctx);
      String model = ModelAccess.resolve(ctx, request.model());
      Route route = Routing.route(current, model);
      CallTarget target = Routing.target(current, route, request.extra(), ctx.request());
      ProxyHeaders.add(response, Ids.uuid(), model, route, start);
      if (route.isMock() || request.extra().containsKey("mock_response")) {
        response.putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.write(MockResponder.embedding(request.withModel(target.model())))));
        return;
      }
      EmbeddingAdapter adapter = route.provider().embeddings().orElseThrow(() -> ApiError.badRequest(
          "model '" + request.model() + "' is served by " + route.providerName()
              + ", which has no embeddings endpoint in Tollgate", "model"));
      var call = adapter.embeddingCall(ControlParams.strip(request), target);
      JsonReplies.forward(upstream, call, target, response, adapter::error, adapter::embeddingResponseBytes);
    } catch (RuntimeException e) {
      ErrorResponses.send(response, e);
    }
  }
}
