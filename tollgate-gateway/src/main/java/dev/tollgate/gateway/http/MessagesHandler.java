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
import dev.tollgate.providers.anthropic.AnthropicProvider;
import dev.tollgate.providers.anthropic.inbound.ChatToMessage;
import dev.tollgate.providers.anthropic.inbound.MessagesRequestCheck;
import dev.tollgate.providers.anthropic.inbound.MessagesRequests;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamEncoder;
import dev.tollgate.providers.anthropic.inbound.MessagesStreamRelay;
import dev.tollgate.providers.anthropic.inbound.MessagesUsage;
import dev.tollgate.providers.anthropic.inbound.PassthroughStreamRelay;
import dev.tollgate.providers.anthropic.inbound.TranslatedStreamRelay;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API in front of any model group, through the same key auth,
 * budgets, rate limits, router, spend rows, metrics and {@code x-litellm-*} headers as the chat route. An attempt on
 * an {@code anthropic} deployment passes the body through ({@link AnthropicProvider#messagesCall}) and relays the
 * reply and its SSE events unchanged; an attempt on any other provider translates the request to OpenAI's format
 * ({@link MessagesRequests}), calls the provider's adapter as the chat route does, and translates the reply
 * ({@link ChatToMessage}) or stream ({@link MessagesStreamEncoder}) back. Errors are in Anthropic's shape
 * ({@link MessagesErrors}).
 */
public final class MessagesHandler implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final VertxUpstream upstream;
  private final Supplier<GatewaySettings> settings;
  private final CallEnd end;
  private final dev.tollgate.gateway.cache.ResponseCache cache;
  private final dev.tollgate.gateway.guardrails.GuardrailMetrics guardMetrics;
  private final GuardrailServices guardServices;

  /** @param guardServices the clients remote guardrails use (this event loop's) */
  public MessagesHandler(Vertx vertx, VertxUpstream upstream, Supplier<GatewaySettings> settings,
      ControlPlane plane, GuardrailServices guardServices) {
    this.guardServices = guardServices;
    this.vertx = vertx;
    this.upstream = upstream;
    this.settings = settings;
    this.end = new CallEnd(plane);
    this.cache = plane.responseCache();
    this.guardMetrics = new dev.tollgate.gateway.guardrails.GuardrailMetrics(plane.metrics().registry());
  }

  /** The end user an Anthropic body names: {@code metadata.user_id}. */
  public static String endUser(ObjectNode body) {
    JsonNode id = body.path("metadata").get("user_id");
    return id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
  }

  /** What every attempt of one request shares. */
  private record Request(String requested, boolean stream, JsonNode requestMock, JsonNode userId, String beta,
      AttemptBodies bodies, Translation chat) {}

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    CallRecord record = CallStart.record(ctx);
    try {
      GatewaySettings current = settings.get();
      ObjectNode body = RequestBodies.object(ctx);
      MessagesRequestCheck.check(body);
      String requested = body.get("model").asText();
      record.body(endUser(body), body.get("litellm_metadata"), body.get("tags"));
      var guards = GuardedAnswers.start(ctx, current, body, body.get("litellm_metadata"), record, guardMetrics,
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
      JsonNode userId = body.path("metadata").get("user_id");
      Translation chat = new Translation(ctx, body, userId, guards::remask);
      RouteRequest request = RouteRequests.of(group, body::get, ctx.request()::getHeader, stream,
          () -> promptTokens(chat, body));
      // cached as Anthropic messages (docs/caching.md); a stream request replays one as Anthropic's events
      var cachePlan = CachedAnswers.plan(ctx, current, "anthropic_messages", group, body);
      JsonNode dropParams = body.get("drop_params");
      JsonNode requestMock = body.get("mock_response");
      ControlParams.strip(body); // once, before routing (this removes metadata: user_id is put back per attempt)
      withUserId(body, userId);
      Request shared = new Request(requested, stream, requestMock, userId, ctx.request().getHeader("anthropic-beta"),
          new AttemptBodies(ctx, body).onReparse(guards::remask), chat);
      var caller = new Attempts.Request(Vertx.currentContext(), response, Caller.of(ctx).key(),
          dropParams != null && dropParams.asBoolean(false), record, group);
      var attempt = Attempts.of(current, caller, (route, target) -> call(route, target, shared));
      CachedAnswers.serve(ctx, cache, cachePlan, record,
          cached -> GuardedHits.then(ctx, record, guards, cached.response(), checked ->
              CachedAnswers.answerMessage(response, record, end, cachePlan.key(), checked, group, start, stream)),
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

  /** One attempt: a mock answer, an Anthropic deployment's own reply or stream, or a translated call. */
  private Future<AttemptOutcome> call(Route route, CallTarget target, Request request) {
    if (route.isMock() || request.requestMock() != null || target.params().get("mock_response") != null) {
      ChatRequest mock = mockRequest(request, target);
      MockResponder.answerText(mock); // a mock naming an error raises it here, for the router
      return Future.succeededFuture(new AttemptOutcome.Mock(route, target, mock));
    }
    if (route.provider() instanceof AnthropicProvider anthropic) {
      request.chat().bodyEdited(); // messagesCall edits the body: a later translation must not read it
      ObjectNode body = withUserId(request.bodies().next(), request.userId());
      HttpCall call = anthropic.messagesCall(body, target, request.beta());
      if (!request.stream()) {
        return JsonReplies.send(upstream, call, target, anthropic::error, (reply, t) -> reply.body())
            .map(bytes -> new AttemptOutcome.Body(route, target, bytes));
      }
      return UpstreamStreams.open(upstream, call, target, anthropic::error).map(reply -> new AttemptOutcome.Stream(
          route, target, reply, new PassthroughStreamRelay(target.model()), request.chat()));
    }
    ChatAdapter adapter = route.provider().chat();
    ChatRequest chat = request.chat().get();
    HttpCall call = adapter.takesOpenAiTree()
        ? adapter.chatCall((ObjectNode) Json.MAPPER.valueToTree(chat), target)
        : adapter.chatCall(chat, target);
    if (!request.stream()) {
      return JsonReplies.send(upstream, call, target, adapter::error,
              (reply, t) -> Json.write(ChatToMessage.toMessage(adapter.chatResponse(reply, t), request.requested())))
          .map(bytes -> new AttemptOutcome.Body(route, target, bytes));
    }
    return UpstreamStreams.open(upstream, call, target, adapter::error).map(reply -> new AttemptOutcome.Stream(
        route, target, reply, new TranslatedStreamRelay(adapter.chatStream(target), encoder(request.requested())),
        request.chat()));
  }

  private void answer(HttpServerResponse response, CallRecord record, AttemptOutcome outcome, CallLease lease,
      dev.tollgate.gateway.cache.CachePlan cachePlan) {
    switch (outcome) {
      case AttemptOutcome.Mock m -> answerLocally(response, m.chat(), record, lease);
      case AttemptOutcome.Body b -> // stored already (CacheWrites)
          JsonReplies.answer(response, b.bytes(), MessagesUsage.ofMessage(b.bytes()), record, end, lease);
      case AttemptOutcome.Stream s -> {
        StreamTap store = CachedAnswers.storeMessageStream(cache, cachePlan);
        new StreamRelay(vertx, response, s.reply(), s.relay(), s.target(), record, end, s.sent(), lease,
            format((MessagesStreamRelay) s.relay(), store)).tap(store).start();
      }
    }
  }

  /**
   * Anthropic's stream edges: the relay's closing events (shown to {@code tap} too, when not null: they belong to the
   * stream it assembles), and {@code event: error} on failure.
   */
  private static StreamFormat format(MessagesStreamRelay relay, StreamTap tap) {
    return new StreamFormat() {
      @Override
      public Buffer end() {
        List<byte[]> closing = relay.finish();
        if (tap != null) {
          closing.forEach(tap::frame);
        }
        return frames(closing);
      }

      @Override
      public Buffer error(Throwable error) {
        return MessagesErrors.streamEvent(error);
      }
    };
  }

  /** A mock deployment's (or the request's mock_response) answer, as an Anthropic message or event stream. */
  private void answerLocally(HttpServerResponse response, ChatRequest request, CallRecord record, CallLease lease) {
    if (!request.isStream()) {
      var answer = MockResponder.chat(request);
      byte[] body = Json.write(ChatToMessage.toMessage(answer, request.model()));
      JsonReplies.answer(response, body, answer.usage(), record, end, lease);
      return;
    }
    MessagesStreamEncoder encoder = encoder(request.model());
    Buffer out = Buffer.buffer();
    MockResponder.stream(request).forEach(chunk -> out.appendBuffer(frames(encoder.accept(chunk))));
    out.appendBuffer(frames(encoder.finish()));
    Leases.finish(lease, encoder.usage());
    end.success(response, record, encoder.usage());
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache").end(out);
  }

  private static ChatRequest mockRequest(Request request, CallTarget target) {
    JsonNode mock = request.requestMock() != null ? request.requestMock() : target.params().get("mock_response");
    ChatRequest local = request.chat().get().withModel(target.model());
    return mock == null ? local : local.toBuilder().extra("mock_response", mock).build();
  }

  private static MessagesStreamEncoder encoder(String model) {
    return new MessagesStreamEncoder(model, ChatToMessage.newId());
  }

  private static Buffer frames(List<byte[]> frames) {
    Buffer out = Buffer.buffer();
    frames.forEach(out::appendBytes);
    return out;
  }

  /** Anthropic's {@code metadata} carries only {@code user_id}; the control-field strip removed it with the rest. */
  private static ObjectNode withUserId(ObjectNode body, JsonNode userId) {
    if (userId != null && !userId.isNull()) {
      body.putObject("metadata").set("user_id", userId);
    }
    return body;
  }

  /** The prompt's tokens for the router (usage-based routing); a request that will not translate counts its text. */
  private static long promptTokens(Supplier<ChatRequest> chat, ObjectNode body) {
    try {
      return TokenCounter.countPrompt(chat.get());
    } catch (RuntimeException e) {
      return TokenCounter.countText(String.valueOf(body.get("messages")));
    }
  }

  /**
   * The request in OpenAI's format, translated when an attempt (or the router's token count) first needs it, so a
   * request that only Anthropic deployments serve is never translated; a body that cannot be translated fails only
   * the attempts that need the translation, each with the same 400. It reads the parsed body unless a passthrough
   * attempt has edited it, then a fresh parse of the request bytes. Confined to the request's event loop.
   */
  private static final class Translation implements Supplier<ChatRequest> {
    private final RoutingContext ctx;
    private final ObjectNode body;
    private final JsonNode userId;
    private final java.util.function.Consumer<ObjectNode> remask;
    private boolean bodyEdited;
    private ChatRequest chat;
    private RuntimeException failure;

    Translation(RoutingContext ctx, ObjectNode body, JsonNode userId, java.util.function.Consumer<ObjectNode> remask) {
      this.remask = remask;
      this.ctx = ctx;
      this.body = body;
      this.userId = userId;
    }

    void bodyEdited() {
      bodyEdited = true;
    }

    @Override
    public ChatRequest get() {
      if (chat == null && failure == null) {
        try {
          chat = MessagesRequests.toChat(bodyEdited ? withUserId(reparsed(), userId) : body);
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return chat;
    }

    private ObjectNode reparsed() {
      try {
        ObjectNode fresh = ControlParams.strip((ObjectNode) Json.MAPPER.readTree(ctx.body().buffer().getBytes()));
        remask.accept(fresh); // the pre-call guardrails' masks hold for every attempt
        return fresh;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e); // the same bytes parsed once already
      }
    }
  }
}
