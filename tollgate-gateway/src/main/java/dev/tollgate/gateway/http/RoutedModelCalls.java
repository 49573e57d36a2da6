package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.router.RouteTrace;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.calls.CallCosts;
import dev.tollgate.gateway.calls.UsageScanner;
import dev.tollgate.gateway.guardrails.ModelCalls;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.NotFoundException;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's own chat completions for guardrails (the LLM judge): routed by the serving snapshot's router as a
 * client call is (strategy, retries, fallbacks, cooldowns, deployment limits), sent over this event loop's upstream
 * client, answered on the caller's event loop. Not a client call: no key's model access applies, no spend row is
 * written and the caller's record is not touched; the reply carries the tokens and the cost for the caller to note.
 * Mock deployments answer locally.
 */
public final class RoutedModelCalls implements ModelCalls {
  private final VertxUpstream upstream;
  private final Supplier<GatewaySettings> settings;

  public RoutedModelCalls(VertxUpstream upstream, Supplier<GatewaySettings> settings) {
    this.upstream = upstream;
    this.settings = settings;
  }

  @Override
  public Future<Reply> complete(String group, ObjectNode body, Duration timeout) {
    GatewaySettings current = settings.get();
    if (current.router().resolve(group).isEmpty()) {
      return Future.failedFuture(new NotFoundException("no model group named '" + group + "' is served", null,
          group));
    }
    ChatRequest chat;
    try {
      chat = RequestBodies.bindChat(body.put("model", group));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    RouteRequest request = new RouteRequest(group, List.of(), false, () -> TokenCounter.countPrompt(chat), null,
        timeout, null, null, false, new RouteTrace());
    var caller = new Attempts.Request(Vertx.currentContext(), null, null, false, null, group);
    var attempt = Attempts.of(current, caller, (route, target) -> call(route, target, body, chat));
    Promise<Reply> reply = Promise.promise();
    Routing.route(current, request, attempt, (routed, error) -> {
      if (error != null) {
        reply.fail(error);
        return;
      }
      try {
        AttemptOutcome outcome = routed.value();
        ChatResponse answer = outcome instanceof AttemptOutcome.Body b
            ? Json.MAPPER.readValue(b.bytes(), ChatResponse.class)
            : MockResponder.chat(mockRequest(chat, outcome.target()));
        Usage usage = outcome instanceof AttemptOutcome.Body b ? UsageScanner.usage(b.bytes()) : answer.usage();
        Leases.finish(routed.lease(), usage);
        reply.complete(reply(answer, outcome.route(), outcome.target(), usage, current));
      } catch (Exception e) {
        routed.lease().abandon();
        reply.fail(e);
      }
    });
    return reply.future();
  }

  /** One attempt: a mock deployment answers locally, any other is called with its adapter. */
  private Future<AttemptOutcome> call(Route route, CallTarget target, ObjectNode body, ChatRequest chat) {
    if (route.isMock() || target.params().get("mock_response") != null) {
      MockResponder.answerText(mockRequest(chat, target)); // a mock naming an error raises it, for the router
      return Future.succeededFuture(new AttemptOutcome.Mock(route, target, null));
    }
    ChatAdapter adapter = route.provider().chat();
    HttpCall call = adapter.takesOpenAiTree() ? adapter.chatCall(body.deepCopy(), target)
        : adapter.chatCall(chat, target);
    return JsonReplies.send(upstream, call, target, adapter::error, adapter::chatResponseBytes)
        .map(bytes -> new AttemptOutcome.Body(route, target, bytes));
  }

  private static ChatRequest mockRequest(ChatRequest chat, CallTarget target) {
    ChatRequest local = chat.withModel(target.model());
    JsonNode mock = target.params().get("mock_response");
    return mock == null ? local : local.toBuilder().extra("mock_response", mock).build();
  }

  private static Reply reply(ChatResponse answer, Route route, CallTarget target, Usage usage,
      GatewaySettings current) {
    long prompt = usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens();
    long completion = usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens();
    double cost = usage == null ? 0 : CallCosts.cost(current.routes().costs(), route, usage);
    return new Reply(answer.text(), target.model(), prompt, completion, cost);
  }
}
