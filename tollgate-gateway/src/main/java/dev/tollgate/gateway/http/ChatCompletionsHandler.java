package dev.tollgate.gateway.http;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.PromptCapture;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
      ObjectNode body = RequestBodies.chatBody(ctx);
      String model = body.get("model").asText();
      JsonNode user = body.get("user");
      String endUser = user != null && user.isTextual() ? user.asText() : null;
      record.body(endUser, body.get("metadata"), body.get("tags"));
      boolean stream = body.path("stream").asBoolean(false);
      record.stream = stream;
      Routing.Prepared prepared = Routing.prepare(ctx, current, record, model, body::get, start);
      if (current.spendLogs().storePrompts()) {
        record.storePrompts = true;
        record.messages = PromptCapture.messages(body.get("messages"));
      }
      Route route = prepared.route();
      CallTarget target = prepared.target();
      JsonNode deploymentMock = target.params().get("mock_response");
      if (route.isMock() || body.has("mock_response") || deploymentMock != null) {
        ChatRequest local = RequestBodies.bindChat(body).withModel(target.model());
        if (!local.extra().containsKey("mock_response") && deploymentMock != null) {
          local = local.toBuilder().extra("mock_response", deploymentMock).build();
        }
        answerLocally(response, local, record);
        return;
      }
      ChatAdapter adapter = route.provider().chat();
      // a streamed call is priced from the final usage chunk: ask for it, and hide it from a client that did not
      boolean hideUsage = stream && !body.path("stream_options").path("include_usage").asBoolean(false)
          && adapter.streamsOpenAiUsage();
      HttpCall call = adapter.takesOpenAiTree()
          ? adapter.chatCall(outgoingTree(body, hideUsage), target)
          : adapter.chatCall(outgoingRecord(body, hideUsage), target);
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} chat model={} -> {}/{} {} stream={}", record.requestId, model, target.provider(),
            target.model(), call.url(), stream);
      }
      if (stream) {
        stream(response, adapter, call, target, record, hideUsage, () -> RequestBodies.bindChat(body));
      } else {
        JsonReplies.forward(upstream, call, target, response, adapter::error, adapter::chatResponseBytes, record,
            end);
      }
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(response, e);
    }
  }

  /** The body as sent to an adapter that edits the OpenAI tree: control fields removed, usage asked for if needed. */
  private static ObjectNode outgoingTree(ObjectNode body, boolean askForUsage) {
    ControlParams.strip(body);
    if (askForUsage) {
      JsonNode options = body.get("stream_options");
      (options instanceof ObjectNode o ? o : body.putObject("stream_options")).put("include_usage", true);
    }
    return body;
  }

  /** The body bound for an adapter that translates records (the tree was checked, so binding fails only deep down). */
  private static ChatRequest outgoingRecord(ObjectNode body, boolean askForUsage) {
    ChatRequest request = ControlParams.strip(RequestBodies.bindChat(body));
    if (!askForUsage) {
      return request;
    }
    ObjectNode options = request.streamOptions() instanceof ObjectNode o ? o.deepCopy() : Json.object();
    options.put("include_usage", true);
    return request.toBuilder().streamOptions(options).build();
  }

  private void stream(HttpServerResponse response, ChatAdapter adapter, HttpCall call, CallTarget target,
      CallRecord record, boolean hideUsage, Supplier<ChatRequest> sent) {
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
      new StreamRelay(vertx, response, reply, relay, target, record, end, sent).start();
    });
  }

  private void answerLocally(HttpServerResponse response, ChatRequest request, CallRecord record) {
    if (!request.isStream()) {
      var answer = MockResponder.chat(request);
      byte[] body = Json.write(answer);
      if (record.storePrompts) {
        record.response = PromptCapture.response(body);
      }
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
    StringBuilder text = new StringBuilder();
    for (ChatChunk chunk : chunks) {
      if (record.storePrompts) {
        chunk.choices().forEach(c -> {
          JsonNode content = Json.MAPPER.valueToTree(c).path("delta").get("content");
          if (content != null && content.isTextual()) {
            text.append(content.asText());
          }
        });
      }
      if (chunk.usage() != null) {
        usage = chunk.usage();
        if (!clientAsked && chunk.choices().isEmpty()) {
          continue;
        }
      }
      out.appendString("data: ").appendBytes(Json.write(chunk)).appendString("\n\n");
    }
    if (record.storePrompts) {
      record.response = PromptCapture.streamed(request.model(), text.toString());
    }
    end.success(response, record, usage);
    out.appendString("data: [DONE]\n\n");
    response.end(out);
  }

}
