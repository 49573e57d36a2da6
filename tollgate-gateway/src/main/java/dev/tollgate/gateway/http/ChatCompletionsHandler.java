package dev.tollgate.gateway.http;

import dev.tollgate.providers.Ids;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.ModelAccess;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/chat/completions}: validate, route to a deployment, call it, answer as JSON or as an SSE stream. */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsHandler.class);
  private final Vertx vertx;
  private final VertxUpstream upstream;
  private final Supplier<GatewaySettings> settings;

  public ChatCompletionsHandler(Vertx vertx, VertxUpstream upstream, Supplier<GatewaySettings> settings) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.settings = settings;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    HttpServerResponse response = ctx.response();
    try {
      GatewaySettings current = settings.get();
      ChatRequest request = RequestBodies.chat(ctx);
      String model = ModelAccess.resolve(ctx, request.model());
      Route route = Routing.route(current, model);
      CallTarget target = Routing.target(current, route, request.extra(), ctx.request());
      String callId = Ids.uuid();
      ProxyHeaders.add(response, callId, model, route, start);
      var deploymentMock = target.params().get("mock_response");
      if (route.isMock() || request.extra().containsKey("mock_response") || deploymentMock != null) {
        ChatRequest local = request.withModel(target.model());
        if (!local.extra().containsKey("mock_response") && deploymentMock != null) {
          local = local.toBuilder().extra("mock_response", deploymentMock).build();
        }
        answerLocally(response, local);
        return;
      }
      ChatAdapter adapter = route.provider().chat();
      ChatRequest outgoing = ControlParams.strip(request);
      HttpCall call = adapter.chatCall(outgoing, target);
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} chat model={} -> {}/{} {} stream={}", callId, request.model(), target.provider(),
            target.model(), call.url(), request.isStream());
      }
      if (request.isStream()) {
        stream(response, adapter, call, target);
      } else {
        JsonReplies.forward(upstream, call, target, response, adapter::error, adapter::chatResponseBytes);
      }
    } catch (RuntimeException e) {
      ErrorResponses.send(response, e);
    }
  }

  private void stream(HttpServerResponse response, ChatAdapter adapter, HttpCall call, CallTarget target) {
    upstream.open(call, target.provider(), target.model()).onComplete(opened -> {
      if (opened.failed()) {
        ErrorResponses.send(response, opened.cause());
        return;
      }
      VertxUpstream.OpenReply reply = opened.result();
      if (response.closed()) {
        reply.cancel();
        return;
      }
      if (reply.status() < 200 || reply.status() >= 300) {
        reply.response().body().onComplete(body -> {
          reply.cancelTimer();
          byte[] bytes = body.succeeded() ? body.result().getBytes() : new byte[0];
          ErrorResponses.send(response, adapter.error(new HttpReply(reply.status(), reply.headers(), bytes), target));
        });
        reply.response().resume();
        return;
      }
      new StreamRelay(vertx, response, reply, adapter.chatStreamRelay(target), target).start();
    });
  }

  private static void answerLocally(HttpServerResponse response, ChatRequest request) {
    if (!request.isStream()) {
      response.putHeader("content-type", "application/json")
          .end(Buffer.buffer(Json.write(MockResponder.chat(request))));
      return;
    }
    var chunks = MockResponder.stream(request);
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache");
    Buffer out = Buffer.buffer();
    for (ChatChunk chunk : chunks) {
      out.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
    }
    out.appendString("data: [DONE]\n\n");
    response.end(out);
  }

}
