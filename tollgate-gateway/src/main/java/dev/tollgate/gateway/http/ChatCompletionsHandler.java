package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.CallLease;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.gateway.calls.PromptCapture;
import dev.tollgate.gateway.guardrails.GuardrailServices;
import dev.tollgate.gateway.guardrails.RequestGuardrails;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.ControlParams;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
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
  private final dev.tollgate.gateway.cache.ResponseCache cache;
  private final dev.tollgate.gateway.guardrails.GuardrailMetrics guardMetrics;
  private final GuardrailServices guardServices;

  /** @param guardServices the clients remote guardrails use (this event loop's) */
  public ChatCompletionsHandler(Vertx vertx, VertxUpstream upstream, Supplier<GatewaySettings> settings,
      ControlPlane plane, GuardrailServices guardServices) {
    this.guardServices = guardServices;
    this.vertx = vertx;
    this.upstream = upstream;
    this.settings = settings;
    this.end = new CallEnd(plane);
    this.cache = plane.responseCache();
    this.guardMetrics = new dev.tollgate.gateway.guardrails.GuardrailMetrics(plane.metrics().registry());
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    CallRecord record = CallStart.record(ctx);
    try {
      GatewaySettings current = settings.get();
      ObjectNode body = RequestBodies.chatBody(ctx);
      String requested = body.get("model").asText();
      JsonNode user = body.get("user");
      String endUser = user != null && user.isTextual() ? user.asText() : null;
      record.body(endUser, body.get("metadata"), body.get("tags"));
      var guards = GuardedAnswers.start(ctx, current, body, body.get("metadata"), record, guardMetrics,
          guardServices);
      if (GuardedAnswers.preCallPending(guards)) { // a remote pre-call guardrail: go on once it passed
        GuardedAnswers.afterPreCall(ctx, record, guards, body,
            () -> route(ctx, current, body, requested, guards, record, start));
        return;
      }
      route(ctx, current, body, requested, guards, record, start);
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  /** After the pre-call guardrails: the cache, then the router. */
  private void route(RoutingContext ctx, GatewaySettings current, ObjectNode body, String requested,
      RequestGuardrails guards, CallRecord record, long start) {
    HttpServerResponse response = ctx.response();
    try {
      boolean stream = body.path("stream").asBoolean(false);
      record.stream = stream;
      String group = Routing.group(ctx, current, requested);
      if (current.spendLogs().storePrompts()) {
        record.storePrompts = true;
        record.messages = PromptCapture.messages(body.get("messages"));
      }
      RouteRequest request = RouteRequests.of(group, body::get, ctx.request()::getHeader, stream,
          () -> TokenCounter.countPrompt(RequestBodies.bindChat(body)));
      var cachePlan = CachedAnswers.plan(ctx, current, "acompletion", group, body);
      JsonNode dropParams = body.get("drop_params");
      JsonNode requestMock = body.get("mock_response");
      boolean clientAskedUsage = body.path("stream_options").path("include_usage").asBoolean(false);
      ControlParams.strip(body); // once, before routing: every attempt sends the body without them
      AttemptBodies bodies = new AttemptBodies(ctx, body).onReparse(guards::remask);
      var caller = new Attempts.Request(Vertx.currentContext(), response, Caller.of(ctx).key(),
          dropParams != null && dropParams.asBoolean(false), record, group);
      var attempt = Attempts.of(current, caller,
          (route, target) -> call(route, target, bodies, requestMock, stream, clientAskedUsage, requested, record));
      CachedAnswers.serve(ctx, cache, cachePlan, record,
          SemanticLookup.of(ctx, upstream, current, cache, cachePlan, group, body),
          cached -> GuardedHits.then(ctx, record, guards, cached.response(), checked -> CachedAnswers.answer(response,
              record, end, cachePlan.key(), checked, group, start, stream, clientAskedUsage)),
          (key, similarity, cached) -> {
            GuardedHits.then(ctx, record, guards, cached.response(), checked -> {
              response.putHeader("x-litellm-semantic-similarity", Double.toString(similarity));
              CachedAnswers.answer(response, record, end, key, checked, group, start, stream, clientAskedUsage);
            });
          },
          () -> {
            RoutedCalls.run(ctx, current, record, request, group, start, attempt, CacheWrites.around(cache, cachePlan,
                a -> GuardedAnswers.wrap(ctx, record, guards, a),
                (outcome, lease) -> answer(response, record, outcome, lease, cachePlan)));
            guards.duringCall(); // the model call is on its way: the answer waits for this verdict
          });
    } catch (RuntimeException e) {
      CallEnd.failed(record, e);
      ErrorResponses.send(ctx, e);
    }
  }

  /** One attempt on one deployment: a local mock answer, a whole reply, or an opened 2xx stream. */
  private Future<AttemptOutcome> call(Route route, CallTarget target, AttemptBodies bodies, JsonNode requestMock,
      boolean stream, boolean clientAskedUsage, String requested, CallRecord record) {
    if (route.isMock() || requestMock != null || target.params().get("mock_response") != null) {
      ChatRequest mock = mockRequest(bodies.next(), requestMock, target);
      MockResponder.answerText(mock); // a mock naming an error raises it here, for the router
      return Future.succeededFuture(new AttemptOutcome.Mock(route, target, mock));
    }
    ChatAdapter adapter = route.provider().chat();
    ObjectNode body = bodies.next();
    // a streamed call is priced from the final usage chunk: ask for it, and hide it from a client that did not
    boolean hideUsage = stream && !clientAskedUsage && adapter.streamsOpenAiUsage();
    HttpCall call = adapter.takesOpenAiTree()
        ? adapter.chatCall(outgoingTree(body, hideUsage), target)
        : adapter.chatCall(outgoingRecord(body, hideUsage), target);
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} chat model={} -> {}/{} {} stream={}", record.requestId, requested, target.provider(),
          target.model(), call.url(), stream);
    }
    if (!stream) {
      return JsonReplies.send(upstream, call, target, adapter::error, adapter::chatResponseBytes)
          .map(bytes -> new AttemptOutcome.Body(route, target, bytes));
    }
    return UpstreamStreams.open(upstream, call, target, adapter::error).map(reply -> {
      ChatStreamRelay relay = adapter.chatStreamRelay(target);
      if (hideUsage) {
        relay.hideUsageChunk();
      }
      return new AttemptOutcome.Stream(route, target, reply, relay, () -> RequestBodies.bindChat(body));
    });
  }

  /** Answers with what the router settled on, and ends the router's lease when the call is over. */
  private void answer(HttpServerResponse response, CallRecord record, AttemptOutcome outcome, CallLease lease,
      dev.tollgate.gateway.cache.CachePlan cachePlan) {
    switch (outcome) {
      case AttemptOutcome.Mock m -> answerLocally(response, m.chat(), record, lease);
      case AttemptOutcome.Body b -> JsonReplies.answer(response, b.bytes(), record, end, lease); // stored already
      case AttemptOutcome.Stream s -> new StreamRelay(vertx, response, s.reply(), s.relay(), s.target(), record,
          end, s.sent(), lease).tap(CachedAnswers.storeStream(cache, cachePlan)).start();
    }
  }

  /** The request a mock answers: the body with the request's (else the deployment's) mock_response, for the target. */
  private static ChatRequest mockRequest(ObjectNode body, JsonNode requestMock, CallTarget target) {
    JsonNode mock = requestMock != null ? requestMock : target.params().get("mock_response");
    ChatRequest local = RequestBodies.bindChat(body).withModel(target.model());
    return mock == null ? local : local.toBuilder().extra("mock_response", mock).build();
  }

  /** The body as sent to an adapter that edits the OpenAI tree (control fields already removed), usage asked for. */
  private static ObjectNode outgoingTree(ObjectNode body, boolean askForUsage) {
    if (askForUsage) {
      JsonNode options = body.get("stream_options");
      (options instanceof ObjectNode o ? o : body.putObject("stream_options")).put("include_usage", true);
    }
    return body;
  }

  /** The body bound for an adapter that translates records (the tree was checked, so binding fails only deep down). */
  private static ChatRequest outgoingRecord(ObjectNode body, boolean askForUsage) {
    ChatRequest request = RequestBodies.bindChat(body);
    if (!askForUsage) {
      return request;
    }
    ObjectNode options = request.streamOptions() instanceof ObjectNode o ? o.deepCopy() : Json.object();
    options.put("include_usage", true);
    return request.toBuilder().streamOptions(options).build();
  }

  private void answerLocally(HttpServerResponse response, ChatRequest request, CallRecord record, CallLease lease) {
    if (!request.isStream()) {
      var answer = MockResponder.chat(request);
      byte[] body = Json.write(answer);
      if (record.storePrompts) {
        record.response = PromptCapture.response(body);
      }
      Leases.finish(lease, answer.usage());
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
    Leases.finish(lease, usage);
    end.success(response, record, usage);
    out.appendString("data: [DONE]\n\n");
    response.end(out);
  }

}
