package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.types.Usage;
import dev.tollgate.gateway.http.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one LLM request did: who called, where it went, what it used and cost, how it ended. Created when a chat or
 * embeddings request starts ({@link CallRecords#start}), stored on the routing context, filled by the handler as the
 * call goes, and completed exactly once: by the handler just before it ends a successful response (so that budgets
 * see the spend before the client sees the answer), or by the context's end handler when the response ends or the
 * client goes away. Completion hands the record to its listeners (spend writer, rate limiter), then lets go of them
 * and of what only the call needed (route, price table, text filters): a record kept after its call (a routing
 * context that lingers) keeps its fields, not everything the listeners captured.
 *
 * <p>Confined to the request's event loop; only {@link #complete} is guarded against running twice.
 */
public final class CallRecord {
  public static final String CONTEXT_KEY = "tollgate.call";

  public final String requestId;
  public final String callType;
  public final long startMillis;
  public final String apiKey;
  public final String keyAlias;
  public final String userId;
  public final String teamId;
  public final String organizationId;
  public String endUser;
  public String modelGroup;
  public String deploymentId;
  public String provider;
  public String model;
  public String apiBase;
  public boolean stream;
  public ObjectNode metadata;
  public List<String> tags = List.of();
  public String requesterIp;
  /** True when the answer came from the response cache (then {@link #cost} is 0 and no upstream was called). */
  public boolean cacheHit;
  /** The response-cache key of a cacheable request, hit or miss; null when caching did not apply. */
  public String cacheKey;

  public long endMillis;
  /** The router's retries and fallbacks for this call; null when it never reached the router (cache hit, refusal). */
  public dev.tollgate.core.router.RouteTrace trace;
  public String status;
  public int httpStatus;
  public String errorType;
  public String errorMessage;
  public long promptTokens;
  public long completionTokens;
  public long totalTokens;
  /** Prompt tokens read from the provider's prompt cache (part of {@link #promptTokens}). */
  public long cacheReadTokens;
  /** Prompt tokens written to the provider's prompt cache (part of {@link #promptTokens}). */
  public long cacheCreationTokens;
  /** False when the call reported no usage (counts recorded as 0). */
  public boolean usageKnown;
  /** True when the usage was counted by the gateway (a stream that reported none), not reported by the provider. */
  public boolean usageEstimated;
  public double cost;
  /**
   * True when {@code general_settings.store_prompts_in_spend_logs} asks for the prompt and response; then
   * {@link #messages} and {@link #response} hold bounded JSON text ({@link PromptCapture}), else they stay null.
   */
  public boolean storePrompts;
  /** False under {@code general_settings.disable_spend_logs: true}: the spend counts, but no log row is written. */
  public boolean writeLogRow = true;
  public String messages;
  public String response;
  /** Masks applied to {@link #messages} and {@link #response} just before completion (logging-only guardrails). */
  public java.util.function.UnaryOperator<String> storedTextFilter;
  /**
   * Masks from guardrails that answer later (remote logging-only guardrails), applied to {@link #messages} and
   * {@link #response} after completion: the response is not held, but the listeners (spend writer, limits, metrics)
   * run only once the future completes, however it completes. Null when none apply.
   */
  public java.util.function.Function<CallRecord, io.vertx.core.Future<Void>> storedTextMasks;
  private boolean holding;
  private Route route;
  private dev.tollgate.core.cost.CostCalculator costs = dev.tollgate.core.cost.CostCalculator.builtIn();
  private boolean completed;
  /** Null once they ran. */
  private List<Consumer<CallRecord>> listeners = new ArrayList<>(2);

  /** The virtual key that called, or null for the master key. */
  public final dev.tollgate.gateway.keys.VirtualKey virtualKey;

  public CallRecord(String requestId, String callType, long startMillis, String apiKey,
      dev.tollgate.gateway.keys.VirtualKey virtualKey) {
    this(requestId, callType, startMillis, apiKey, virtualKey,
        virtualKey == null ? null : virtualKey.keyAlias(), virtualKey == null ? null : virtualKey.userId(),
        virtualKey == null ? null : virtualKey.teamId(), virtualKey == null ? null : virtualKey.organizationId());
  }

  private CallRecord(String requestId, String callType, long startMillis, String apiKey,
      dev.tollgate.gateway.keys.VirtualKey virtualKey, String keyAlias, String userId, String teamId,
      String organizationId) {
    this.virtualKey = virtualKey;
    this.requestId = requestId;
    this.callType = callType;
    this.startMillis = startMillis;
    this.apiKey = apiKey;
    this.keyAlias = keyAlias;
    this.userId = userId;
    this.teamId = teamId;
    this.organizationId = organizationId;
  }

  /**
   * Runs when the record completes (once, on the request's event loop), in the order added. A listener added once
   * the record completed never runs.
   */
  public void onComplete(Consumer<CallRecord> listener) {
    if (!completed) {
      listeners.add(listener);
    }
  }

  /** The route the request took: model group, deployment, provider, upstream model and api base. */
  public void route(String group, Route route) {
    route(group, route, dev.tollgate.core.cost.CostCalculator.builtIn());
  }

  /** As {@link #route(String, Route)}, billed with {@code costs} (the serving snapshot's price table). */
  public void route(String group, Route route, dev.tollgate.core.cost.CostCalculator costs) {
    this.route = route;
    this.costs = costs;
    this.modelGroup = group;
    this.deploymentId = route.deployment().id();
    this.provider = route.providerName();
    this.model = route.target().model();
    this.apiBase = route.target().apiBase();
  }

  /** The body's {@code user}, {@code metadata} and tags ({@code metadata.tags} or {@code tags}). */
  public void body(String user, JsonNode metadataNode, JsonNode tagsNode) {
    this.endUser = user;
    if (metadataNode != null && metadataNode.isObject()) {
      this.metadata = (ObjectNode) metadataNode;
      JsonNode inner = metadataNode.get("tags");
      if (tagsNode == null && inner != null) {
        tagsNode = inner;
      }
    }
    if (tagsNode != null && tagsNode.isArray()) {
      List<String> t = new ArrayList<>(tagsNode.size());
      tagsNode.forEach(n -> {
        if (n.isTextual()) {
          t.add(n.asText());
        }
      });
      this.tags = List.copyOf(t);
    }
  }

  /** Records the usage and prices it at the route's prices (0 when the model has no price); returns the cost. */
  public double usage(Usage usage) {
    if (usage == null || completed) {
      return cost;
    }
    usageKnown = true;
    promptTokens = usage.promptTokens() == null ? 0 : usage.promptTokens();
    completionTokens = usage.completionTokens() == null ? 0 : usage.completionTokens();
    totalTokens = usage.totalTokens() != null ? usage.totalTokens() : promptTokens + completionTokens;
    var tokens = dev.tollgate.core.cost.CostCalculator.TokenBreakdown.of(usage);
    cacheReadTokens = tokens.cacheRead();
    cacheCreationTokens = tokens.cacheCreation();
    cost = route == null ? 0 : CallCosts.cost(costs, route, usage);
    return cost;
  }

  /** The call failed with {@code error}; the record keeps its type and message, and costs nothing. */
  public void failed(Throwable error) {
    if (completed) {
      return;
    }
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    status = "failure";
    cost = 0;
    if (cause instanceof ProviderException p) {
      errorType = p.getClass().getSimpleName();
      httpStatus = p.status();
    } else if (cause instanceof ApiError a) {
      errorType = a.type();
      httpStatus = a.status();
    } else {
      errorType = cause == null ? "unknown" : cause.getClass().getSimpleName();
      httpStatus = 500;
    }
    errorMessage = cause == null ? null : cause.getMessage();
  }

  public boolean isCompleted() {
    return completed;
  }

  /**
   * True while guardrail runs may still be added to {@link #metadata}: before completion, and while the record waits
   * for {@link #storedTextMasks} (the spend writer has not seen it yet).
   */
  public boolean acceptsGuardrailRuns() {
    return !completed || holding;
  }

  /**
   * Ends the record with the response's status and hands it to the listeners; later calls do nothing.
   *
   * @param responseStatus the HTTP status sent (or about to be sent)
   * @param clientGone true when the client went away before the response ended
   */
  public void complete(int responseStatus, boolean clientGone) {
    if (completed) {
      return;
    }
    if (storedTextFilter != null && storePrompts) { // before completing: the filter records its runs here
      messages = storedTextFilter.apply(messages);
      response = storedTextFilter.apply(response);
    }
    completed = true;
    storedTextFilter = null;
    route = null; // usage() and failed() do nothing from now on: the route and prices are not read again
    costs = null;
    endMillis = System.currentTimeMillis();
    if (status == null) {
      if (clientGone) {
        status = "failure";
        errorType = "client_disconnected";
        cost = 0;
      } else if (responseStatus >= 400) {
        status = "failure";
        errorType = errorType == null ? "http_" + responseStatus : errorType;
        cost = 0;
      } else {
        status = "success";
      }
    }
    if (httpStatus == 0) {
      httpStatus = responseStatus;
    }
    if (storedTextMasks != null && storePrompts) {
      var masks = storedTextMasks;
      storedTextMasks = null;
      holding = true;
      io.vertx.core.Future<Void> masked;
      try {
        masked = masks.apply(this);
      } catch (RuntimeException e) {
        masked = io.vertx.core.Future.failedFuture(e);
      }
      masked.onComplete(done -> {
        holding = false;
        notifyListeners();
      });
      return;
    }
    notifyListeners();
  }

  private void notifyListeners() {
    List<Consumer<CallRecord>> run = listeners;
    listeners = null; // what the listeners captured (rate-limit outcomes, the writer) is not the record's to keep
    for (Consumer<CallRecord> l : run) {
      try {
        l.accept(this);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(CallRecord.class).error("a call-record listener failed", e);
      }
    }
  }
}
