package dev.tollgate.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.ErrorKind;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.gateway.config.ModelInfo;
import dev.tollgate.gateway.models.ModelEntry;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.models.RouteResolver;
import dev.tollgate.gateway.upstream.UpstreamTokens;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.prices.ModelPrice;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One real, minimal call to one deployment, as LiteLLM's health check makes it: a one-message chat completion with
 * {@code max_tokens} 16 (or one embedding input for {@code mode: embedding}), straight to the deployment, bypassing
 * the router (nothing is counted against its rpm/tpm, and a failure cools nothing down). Non-blocking: the call runs
 * on Vert.x's HTTP client (an OAuth2 token, for Vertex AI, is fetched on a worker thread), bounded by the
 * deployment's {@code model_info.health_check_timeout} (seconds) or {@link #DEFAULT_TIMEOUT}. Never fails: every
 * problem becomes an unhealthy {@link ProbeResult} whose error names it, with the call's credentials scrubbed out.
 */
final class DeploymentProbe {
  /** LiteLLM's {@code HEALTH_CHECK_TIMEOUT_SECONDS}. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** LiteLLM's {@code max_tokens} for a health check of a non-wildcard deployment. */
  static final int MAX_TOKENS = 16;
  static final String PROMPT = "What's 1 + 1?";
  private static final Set<String> CHAT_MODES = Set.of("chat", "completion", "responses");
  private static final List<String> SHOWN_HEADERS = List.of(
      "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ms-region");

  private final VertxUpstream upstream;

  DeploymentProbe(VertxUpstream upstream) {
    this.upstream = upstream;
  }

  /**
   * Probes {@code entry} through {@code routes}; the future completes on {@code context}.
   *
   * @param mode the mode to test with ({@code chat}, {@code embedding}, ...); null: the deployment's
   *     {@code model_info.mode}, else the price table's, else chat
   */
  Future<ProbeResult> probe(Context context, ModelEntry entry, RouteResolver routes, String mode) {
    Promise<ProbeResult> done = Promise.promise();
    Duration timeout = timeout(entry.config().modelInfo());
    long timer = context.owner().setTimer(timeout.toMillis() + 1_000, id -> done.tryComplete(ProbeResult.failed(
        "Health check timeout exceeded: no answer within " + timeout.toSeconds() + " s", 408)));
    start(context, entry, routes, mode, timeout).onComplete(r -> {
      context.owner().cancelTimer(timer);
      done.tryComplete(r.succeeded() ? r.result() : ProbeResult.failed(describe(r.cause(), null), 500));
    });
    return done.future();
  }

  private Future<ProbeResult> start(Context context, ModelEntry entry, RouteResolver routes, String askedMode,
      Duration timeout) {
    ModelInfo info = entry.config().modelInfo();
    Deployment d = entry.deployment();
    String checkModel = text(info.get("health_check_model"));
    if (checkModel != null) {
      d = new Deployment(d.modelName(), d.id(), checkModel, d.customLlmProvider(), d.template(), d.price(),
          d.baseModel(), d.routing());
    } else if (d.litellmModel().contains("*")) {
      return Future.succeededFuture(ProbeResult.failed("wildcard deployment '" + d.litellmModel() + "' cannot be "
          + "called as it is: set model_info.health_check_model (e.g. openai/gpt-4o-mini) to health-check it", null));
    }
    Route route;
    try {
      route = routes.resolve(new ModelGroups.Pick(d, null));
    } catch (RuntimeException e) {
      return Future.succeededFuture(ProbeResult.failed(describe(e, null), status(e)));
    }
    CallTarget target = route.target().withTimeout(timeout);
    SecretScrubber scrubber = SecretScrubber.of(target);
    String mode = askedMode != null ? askedMode : info.mode() != null ? info.mode() : tableMode(routes, route);
    try {
      if (route.isMock() || target.params().containsKey("mock_response")) {
        return Future.succeededFuture(mock(target));
      }
      if (mode == null || CHAT_MODES.contains(mode)) {
        ObjectNode body = Json.object();
        body.put("model", target.model());
        body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
        JsonNode maxTokens = info.get("health_check_max_tokens");
        body.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : MAX_TOKENS);
        var adapter = route.provider().chat();
        return call(context, route, target, t -> adapter.chatCall(body.deepCopy(), t), adapter::error, scrubber);
      }
      if ("embedding".equals(mode)) {
        EmbeddingAdapter adapter = route.provider().embeddings().orElse(null);
        if (adapter == null) {
          return Future.succeededFuture(ProbeResult.failed(route.providerName()
              + " has no embeddings endpoint in Tollgate", null));
        }
        EmbeddingRequest request = EmbeddingRequest.of(target.model(), List.of("test from tollgate"));
        return call(context, route, target, t -> adapter.embeddingCall(request, t), adapter::error, scrubber);
      }
      return Future.succeededFuture(ProbeResult.failed("Tollgate cannot health-check mode '" + mode
          + "': it serves chat and embedding deployments", null));
    } catch (RuntimeException e) {
      return Future.succeededFuture(ProbeResult.failed(scrubber.scrub(describe(e, null)), status(e)));
    }
  }

  private Future<ProbeResult> call(Context context, Route route, CallTarget target,
      java.util.function.Function<CallTarget, HttpCall> build, BiFunction<HttpReply, CallTarget, ProviderException> error,
      SecretScrubber scrubber) {
    return UpstreamTokens.authorize(context, route.provider(), target)
        .compose(authorized -> upstream.send(build.apply(authorized), authorized.provider(), authorized.model())
            .map(reply -> reply.isSuccess() ? ProbeResult.ok(shownHeaders(reply)) : failure(
                error.apply(reply, authorized), scrubber)))
        .recover(e -> Future.succeededFuture(failure(e, scrubber)));
  }

  private static ProbeResult mock(CallTarget target) {
    ChatRequest.Builder request = ChatRequest.builder().model(target.model()).addMessage(ChatMessage.user(PROMPT));
    JsonNode mock = target.params().get("mock_response");
    if (mock != null) {
      request.extra("mock_response", mock);
    }
    try {
      MockResponder.answerText(request.build()); // a mock that names an error raises it here
      return ProbeResult.ok(Map.of());
    } catch (ProviderException e) {
      return ProbeResult.failed(describe(e, null), e.status());
    }
  }

  private static ProbeResult failure(Throwable e, SecretScrubber scrubber) {
    return ProbeResult.failed(scrubber.scrub(describe(e, null)), status(e));
  }

  /** {@code "<LiteLLM error class>: <message>"}, e.g. {@code "APIConnectionError: cannot reach openai: ..."}. */
  static String describe(Throwable e, String fallback) {
    Throwable cause = ErrorKind.unwrap(e);
    String message = cause.getMessage() != null ? cause.getMessage() : fallback != null ? fallback
        : cause.getClass().getSimpleName();
    String text = cause instanceof ProviderException ? ErrorKind.of(cause).litellmName() + ": " + message : message;
    return text.length() > 1_000 ? text.substring(0, 1_000) + "..." : text;
  }

  private static Integer status(Throwable e) {
    Throwable cause = ErrorKind.unwrap(e);
    return cause instanceof ProviderException p ? p.status() : null;
  }

  private static Map<String, String> shownHeaders(HttpReply reply) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : SHOWN_HEADERS) {
      String value = reply.header(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static String tableMode(RouteResolver routes, Route route) {
    String key = route.deployment().baseModel() != null ? route.deployment().baseModel() : route.target().model();
    return routes.costs().prices().lookup(route.providerName(), key).map(ModelPrice::mode).orElse(null);
  }

  private static Duration timeout(ModelInfo info) {
    JsonNode seconds = info.get("health_check_timeout");
    if (seconds != null && seconds.isNumber() && seconds.asDouble() > 0) {
      return Duration.ofMillis((long) (seconds.asDouble() * 1_000));
    }
    return DEFAULT_TIMEOUT;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
