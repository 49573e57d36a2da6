package dev.tollgate.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.router.RouteRequest;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.cache.CachePlan;
import dev.tollgate.gateway.cache.ResponseCache;
import dev.tollgate.gateway.cache.SemanticIndex;
import dev.tollgate.gateway.calls.UsageScanner;
import dev.tollgate.gateway.upstream.VertxUpstream;
import dev.tollgate.providers.mock.MockResponder;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache's search for a chat request whose exact lookup missed: embeds the last user message with the
 * configured embedding model group (an upstream embeddings call through the gateway's router, asynchronous, with
 * its retries and fallbacks), then asks the index for the closest stored prompt of the same model group and
 * namespace. The embedding call is not billed to the caller and leaves no spend row (a gap, see docs/caching.md).
 */
final class SemanticLookup implements CachedAnswers.Semantic {
  private static final Logger LOG = LoggerFactory.getLogger(SemanticLookup.class);
  private final RoutingContext ctx;
  private final VertxUpstream upstream;
  private final GatewaySettings settings;
  private final ResponseCache cache;
  private final CachePlan plan;
  private final String group;
  private final String text;

  private SemanticLookup(RoutingContext ctx, VertxUpstream upstream, GatewaySettings settings, ResponseCache cache,
      CachePlan plan, String group, String text) {
    this.ctx = ctx;
    this.upstream = upstream;
    this.settings = settings;
    this.cache = cache;
    this.plan = plan;
    this.group = group;
    this.text = text;
  }

  /** The search for {@code body}, or null when the plan is not semantic or the body has no user text. */
  static CachedAnswers.Semantic of(RoutingContext ctx, VertxUpstream upstream, GatewaySettings settings,
      ResponseCache cache, CachePlan plan, String group, ObjectNode body) {
    if (plan == null || plan.settings().type() != dev.tollgate.gateway.cache.CacheSettings.Type.SEMANTIC) {
      return null;
    }
    String text = lastUserText(body.get("messages"));
    if (text == null || text.isBlank()) {
      return () -> {
        cache.countMiss();
        return Future.succeededFuture();
      };
    }
    return new SemanticLookup(ctx, upstream, settings, cache, plan, group, text);
  }

  @Override
  public Future<ResponseCache.SemanticHit> find() {
    String scope = group + "\u001f" + (plan.namespace() == null ? "" : plan.namespace());
    return embed().compose(
        vector -> cache.semanticLookup(plan.settings(), scope, plan.key(), vector,
            plan.controls().sMaxAgeSeconds()),
        error -> {
          LOG.warn("semantic cache: embedding the prompt with '{}' failed ({}); answering without the cache",
              plan.settings().embeddingModel(), error.getMessage());
          cache.countMiss();
          return Future.succeededFuture();
        });
  }

  /** The text of the last {@code user} message (string content, or its text parts joined), or null. */
  static String lastUserText(JsonNode messages) {
    if (messages == null || !messages.isArray()) {
      return null;
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (!"user".equals(m.path("role").asText())) {
        continue;
      }
      JsonNode content = m.get("content");
      if (content != null && content.isTextual()) {
        return content.asText();
      }
      StringBuilder out = new StringBuilder();
      if (content != null && content.isArray()) {
        content.forEach(part -> {
          if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
            out.append(out.isEmpty() ? "" : "\n").append(part.get("text").asText());
          }
        });
      }
      return out.toString();
    }
    return null;
  }

  private Future<float[]> embed() {
    String model = plan.settings().embeddingModel();
    if (settings.router().resolve(model).isEmpty()) {
      return Future.failedFuture(new IllegalStateException("no model group named '" + model + "'"));
    }
    EmbeddingRequest request = EmbeddingRequest.of(model, text);
    RouteRequest route = RouteRequests.of(model, name -> null, header -> null, false,
        () -> TokenCounter.countText(model, text));
    var caller = new Attempts.Request(Vertx.currentContext(), ctx.response(), null, false, null, model);
    var attempt = Attempts.of(settings, caller, (r, target) -> {
      if (r.isMock()) {
        return Future.succeededFuture(new AttemptOutcome.Mock(r, target, null));
      }
      EmbeddingAdapter adapter = r.provider().embeddings().orElseThrow(() -> new IllegalStateException(
          "model group '" + model + "' is served by " + r.providerName() + ", which has no embeddings endpoint"));
      return JsonReplies.send(upstream, adapter.embeddingCall(request, target), target, adapter::error,
          adapter::embeddingResponseBytes).map(bytes -> new AttemptOutcome.Body(r, target, bytes));
    });
    Promise<float[]> vector = Promise.promise();
    Routing.route(settings, route, attempt, (routed, error) -> {
      if (error != null) {
        vector.fail(error);
        return;
      }
      try {
        JsonNode embedding;
        if (routed.value() instanceof AttemptOutcome.Body b) {
          Leases.finish(routed.lease(), UsageScanner.usage(b.bytes()));
          embedding = Json.tree(b.bytes()).at("/data/0/embedding");
        } else {
          var answer = MockResponder.embedding(request.withModel(routed.value().target().model()));
          Leases.finish(routed.lease(), answer.usage());
          embedding = Json.MAPPER.valueToTree(answer).at("/data/0/embedding");
        }
        float[] unit = SemanticIndex.unit(embedding);
        if (unit == null) {
          vector.fail(new IllegalStateException("the embedding answer had no vector"));
        } else {
          vector.complete(unit);
        }
      } catch (RuntimeException e) {
        routed.lease().abandon();
        vector.fail(e);
      }
    });
    return vector.future();
  }
}
