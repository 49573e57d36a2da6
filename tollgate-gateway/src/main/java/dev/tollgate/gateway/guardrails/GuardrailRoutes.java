package dev.tollgate.gateway.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.auth.Caller;
import dev.tollgate.gateway.keys.VirtualKey;
import io.vertx.core.Future;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * LiteLLM's guardrail routes, open to any valid key as in LiteLLM: {@code GET /guardrails/list} (the loaded
 * guardrails, the config file's and then those stored through the API, with their mode, {@code default_on} and
 * {@code guardrail_info}; no other params, which may hold credentials), and {@code POST /guardrails/apply_guardrail}
 * ({@code {guardrail_name, text}} → {@code {response_text}}, masked when the guardrail masks, the 400 when it
 * blocks; a remote guardrail is asked as in its first mode, and one that fails closed answers its 503).
 * {@code /v2/guardrails/list} and the management routes ({@code POST /guardrails}, ...) are in
 * {@code admin.GuardrailManagementRoutes}.
 */
public final class GuardrailRoutes {
  private GuardrailRoutes() {}

  public static void register(Router router, Handler<RoutingContext> auth, Handler<RoutingContext> body,
      Supplier<GatewaySettings> settings, GuardrailServices services) {
    router.get("/guardrails/list").handler(auth).handler(ctx -> reply(ctx, list(settings.get().guardrails())));
    router.post("/guardrails/apply_guardrail").handler(auth).handler(body).handler(ctx -> {
      try {
        apply(settings.get().guardrails(), RequestBodies.object(ctx), services, Caller.of(ctx).key())
            .onComplete(done -> {
              if (done.succeeded()) {
                reply(ctx, done.result());
              } else {
                ErrorResponses.send(ctx, done.cause());
              }
            });
      } catch (RuntimeException e) {
        ErrorResponses.send(ctx, e);
      }
    });
  }

  /** {@code {"guardrails": [{guardrail_name, litellm_params: {guardrail, mode, default_on}, guardrail_info}]}}. */
  static ObjectNode list(GuardrailSet set) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("guardrails");
    set.all().forEach(g -> items.add(item(g)));
    return out;
  }

  /**
   * One loaded guardrail as the lists show it: {@code guardrail_name}, {@code litellm_params} with only
   * {@code guardrail}, {@code mode} (one mode as a string, several as a list) and {@code default_on}, and
   * {@code guardrail_info} ({@code {}} when it has none).
   */
  public static ObjectNode item(ConfiguredGuardrail g) {
    ObjectNode item = Json.object();
    item.put("guardrail_name", g.name());
    ObjectNode params = item.putObject("litellm_params");
    params.put("guardrail", g.integration());
    List<String> modes = new ArrayList<>();
    for (GuardrailMode m : GuardrailMode.values()) {
      if (g.runs(m)) {
        modes.add(m.id());
      }
    }
    if (modes.size() == 1) {
      params.put("mode", modes.get(0));
    } else {
      ArrayNode list = params.putArray("mode");
      modes.forEach(list::add);
    }
    params.put("default_on", g.defaultOn());
    item.set("guardrail_info", g.info() == null ? Json.object() : g.info().deepCopy());
    return item;
  }

  /** Runs one guardrail on one text, as LiteLLM's apply_guardrail; a remote one for the caller's key. */
  static Future<ObjectNode> apply(GuardrailSet set, ObjectNode body, GuardrailServices services, VirtualKey key) {
    JsonNode name = body.get("guardrail_name");
    JsonNode text = body.get("text");
    if (name == null || !name.isTextual()) {
      throw ApiError.badRequest("guardrail_name is required", "guardrail_name");
    }
    if (text == null || !text.isTextual()) {
      throw ApiError.badRequest("text is required (a string)", "text");
    }
    ConfiguredGuardrail g = set.named(name.asText());
    if (g == null) {
      throw new ApiError(404, "not_found_error", "no guardrail named '" + name.asText() + "' is loaded", "guardrail_name");
    }
    GuardrailMode mode = firstMode(g);
    List<String> texts = List.of(text.asText());
    if (g.isRemote()) {
      return RemoteRun.run(g, mode, texts, CallFacts.ofKey(key), services, new RunLog(null, GuardrailMetrics.NONE),
          true, true).map(v -> answer(g, mode, v, text.asText()));
    }
    return Future.succeededFuture(answer(g, mode, g.check().check(texts), text.asText()));
  }

  private static ObjectNode answer(ConfiguredGuardrail g, GuardrailMode mode, Verdict v, String text) {
    ObjectNode out = Json.object();
    switch (v) {
      case Verdict.Blocked b -> throw GuardrailBlocked.error(g.name(), mode, b);
      case Verdict.Masked m -> out.put("response_text", m.texts().get(0));
      case Verdict.Pass p -> out.put("response_text", text);
    }
    return out;
  }

  private static GuardrailMode firstMode(ConfiguredGuardrail g) {
    for (GuardrailMode m : GuardrailMode.values()) {
      if (g.runs(m)) {
        return m;
      }
    }
    return GuardrailMode.PRE_CALL;
  }

  private static void reply(RoutingContext ctx, ObjectNode body) {
    ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.write(body)));
  }
}
