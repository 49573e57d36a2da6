package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.spi.ChatStreamRelay;
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
  private final CallEnd end;

  public ChatCompletionsHandler(Vertx vertx, VertxUpstream upstream, Supplier<GatewaySettings> settings,
      ControlPlane plane) {
    this.vertx = vertx;
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
      ChatRequest request = RequestBodies.chat(ctx);
      record.body(request.user(), request.extra().get("metadata"), request.extra().get("tags"));
      record.stream = request.isStream();
      Routing.Prepared prepared = Routing.prepare(ctx, current, record, request.model(), request.extra(), start);
      Route route = prepared.route();
      CallTarget target = prepared.target();
      String callId = record.requestId;
      var deploymentMock = target.params().get("mock_response");
      if (route.isMock() || request.extra().containsKey("mock_response") || deploymentMock != null) {
        ChatRequest local = request.withModel(target.model());
        if (!local.extra().containsKey("mock_response") && deploymentMock != null) {
          local = local.toBuilder().extra("mock_response", deploymentMock).build();
        }
        answerLocally(response, local, record);
        return;
      }
      ChatAdapter adapter = route.provider().chat();
      ChatRequest outgoing = ControlParams.strip(request);
      boolean hideUsage = false;
      if (request.isStream() && !request.includeUsageInStream() && adapter.streamsOpenAiUsage()) {
        // ask for the final usage chunk so the call can be priced; the client, which did not ask, does not get it
        com.fasterxml.jackson.databind.node.ObjectNode options = request.streamOptions() != null
            && request.streamOptions().isObject()
            ? ((com.fasterxml.jackson.databind.node.ObjectNode) request.streamOptions()).deepCopy() : Json.object();
        options.put("include_usage", true);
        outgoing = outgoing.toBuilder().streamOptions(options).build();
        hideUsage = true;
      }
      HttpCall call = adapter.chatCall(outgoing, target);
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} chat model={} -> {}/{} {} stream={}", callId, request.model(), target.provider(),
            target.model(), call.url(), request.isStream());
      }
      if (request.isStream()) {
        stream(response, adapter, call, target, record, hideUsage, outgoing);
      } else {
        JsonReplies.forward(upstream, call, target, response, adapter::error, adapter::chatResponseBytes, record,
            end);
      }
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(response, e);
    }
  }

  private void stream(HttpServerResponse response, ChatAdapter adapter, HttpCall call, CallTarget target,
      CallRecord record, boolean hideUsage, ChatRequest outgoing) {
    upstream.open(call, target.provider(), target.model()).onComplete(opened -> {
      if (opened.failed()) {
        CallEnd.failed(record, opened.cause());
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
          var error = adapter.error(new HttpReply(reply.status(), reply.headers(), bytes), target);
          CallEnd.failed(record, error);
          ErrorResponses.send(response, error);
        });
        reply.response().resume();
        return;
      }
      ChatStreamRelay relay = adapter.chatStreamRelay(target);
      if (hideUsage) {
        relay.hideUsageChunk();
      }
      new StreamRelay(vertx, response, reply, relay, target, record, end, outgoing).start();
    });
  }

  private void answerLocally(HttpServerResponse response, ChatRequest request, CallRecord record) {
    if (!request.isStream()) {
      var answer = MockResponder.chat(request);
      byte[] body = Json.write(answer);
      end.success(response, record, answer.usage());
      response.putHeader("content-type", "application/json").end(Buffer.buffer(body));
      return;
    }
    boolean clientAsked = request.includeUsageInStream();
    var chunks = MockResponder.stream(clientAsked ? request
        : request.toBuilder().streamOptions(Json.object().put("include_usage", true)).build());
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache");
    Buffer out = Buffer.buffer();
    dev.tollgate.providers.types.Usage usage = null;
    for (ChatChunk chunk : chunks) {
      if (chunk.usage() != null) {
        usage = chunk.usage();
        if (!clientAsked && chunk.choices().isEmpty()) {
          continue;
        }
      }
      out.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
    }
    end.success(response, record, usage);
    out.appendString("data: [DONE]\n\n");
    response.end(out);
  }

}
