package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.guardrails.ConfiguredGuardrail;
import dev.tollgate.gateway.guardrails.GuardrailSet;
import dev.tollgate.gateway.guardrails.stored.GuardrailCheck;
import dev.tollgate.gateway.guardrails.stored.GuardrailJson;
import dev.tollgate.gateway.guardrails.stored.GuardrailSecrets;
import dev.tollgate.gateway.guardrails.stored.GuardrailStore;
import dev.tollgate.gateway.guardrails.stored.GuardrailSync;
import dev.tollgate.gateway.guardrails.stored.StoredGuardrail;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.http.ErrorResponses;
import dev.tollgate.gateway.store.DatabaseException;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * LiteLLM's guardrail management API ({@code litellm/proxy/guardrails/guardrail_endpoints.py}):
 * {@code POST /guardrails}, {@code PUT}, {@code PATCH} and {@code DELETE /guardrails/{guardrail_id}} for proxy admins;
 * {@code GET /guardrails/{guardrail_id}} (also {@code .../info}) and {@code GET /v2/guardrails/list} for any key.
 * Guardrails live in {@code tg_guardrails}, are checked with the config file's rules before they are stored, and are
 * served after the config file's: a change runs on this instance's next request ({@link GuardrailSync#refresh}) and on
 * the other instances' within their poll interval. A config-file guardrail cannot be changed here, nor its name taken.
 */
public final class GuardrailManagementRoutes {
  private final ControlPlane plane;
  private final Supplier<GatewaySettings> settings;
  private final GuardrailSync sync;

  private GuardrailManagementRoutes(ControlPlane plane, Supplier<GatewaySettings> settings, GuardrailSync sync) {
    this.plane = plane;
    this.settings = settings;
    this.sync = sync;
  }

  /** Registers the routes; call after {@code GuardrailRoutes}, whose fixed paths must win over {guardrail_id}. */
  public static void register(Router router, Handler<RoutingContext> auth, BodyHandler body, ControlPlane plane,
      Supplier<GatewaySettings> settings, GuardrailSync sync) {
    GuardrailManagementRoutes routes = new GuardrailManagementRoutes(plane, settings, sync);
    Access admin = Access.admin(plane.userCache());
    router.get("/v2/guardrails/list").handler(auth).handler(routes::list);
    router.post("/guardrails").handler(auth).handler(admin).handler(body).handler(routes::create);
    router.get("/guardrails/:guardrail_id").handler(auth).handler(routes::info);
    router.get("/guardrails/:guardrail_id/info").handler(auth).handler(routes::info);
    router.put("/guardrails/:guardrail_id").handler(auth).handler(admin).handler(body).handler(routes::replace);
    router.patch("/guardrails/:guardrail_id").handler(auth).handler(admin).handler(body).handler(routes::patch);
    router.delete("/guardrails/:guardrail_id").handler(auth).handler(admin).handler(routes::delete);
  }

  /** The config file's guardrails (as served), then every stored one (oldest first, built here or not). */
  void list(RoutingContext ctx) {
    GuardrailSet set = settings.get().guardrails();
    Replies.blocking(ctx, plane.database(), () -> {
      ObjectNode out = Json.object();
      ArrayNode items = out.putArray("guardrails");
      set.configured().forEach(g -> items.add(GuardrailJson.listed(g)));
      store().all().forEach(row -> items.add(GuardrailJson.listed(row)));
      return out;
    });
  }

  void info(RoutingContext ctx) {
    String id = ctx.pathParam("guardrail_id");
    GuardrailSet set = settings.get().guardrails();
    Replies.blocking(ctx, plane.database(), () -> {
      StoredGuardrail row = store().find(id);
      if (row != null) {
        return GuardrailJson.info(row);
      }
      ConfiguredGuardrail config = configured(set, id);
      if (config == null) {
        throw notFound(id);
      }
      return GuardrailJson.info(config);
    });
  }

  void create(RoutingContext ctx) {
    try {
      GuardrailBodies.Definition d = GuardrailBodies.definition(KeyRoutes.body(ctx));
      Replies.blocking(ctx, plane.database(), () -> {
        GatewaySettings now = settings.get();
        freeName(now.guardrails(), d.name(), null, "guardrail.guardrail_name");
        GuardrailCheck.build(d.name(), d.params(), d.info(), now.models().env(), "guardrail.litellm_params");
        long at = System.currentTimeMillis();
        StoredGuardrail row = new StoredGuardrail(UUID.randomUUID().toString(), d.name(),
            GuardrailSecrets.seal(now.models().secrets(), d.params()), GuardrailBodies.orEmpty(d.info()), at, at);
        try {
          store().insert(row);
        } catch (DatabaseException e) {
          freeName(now.guardrails(), d.name(), null, "guardrail.guardrail_name"); // taken in between
          throw e;
        }
        sync.refresh();
        return GuardrailJson.row(row);
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** {@code PUT}: the whole guardrail; credentials not sent are kept when the integration stays the same. */
  void replace(RoutingContext ctx) {
    String id = ctx.pathParam("guardrail_id");
    try {
      GuardrailBodies.Definition d = GuardrailBodies.definition(KeyRoutes.body(ctx));
      Replies.blocking(ctx, plane.database(), () -> {
        StoredGuardrail old = stored(id);
        ObjectNode sealed = GuardrailSecrets.keep(old.litellmParams(), d.params());
        return save(old, d.name(), sealed, GuardrailBodies.orEmpty(d.info()), "guardrail.litellm_params");
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  /** {@code PATCH}: the fields sent; {@code litellm_params} are merged (a {@code null} removes one). */
  void patch(RoutingContext ctx) {
    String id = ctx.pathParam("guardrail_id");
    try {
      GuardrailBodies.Patch p = GuardrailBodies.patch(KeyRoutes.body(ctx));
      Replies.blocking(ctx, plane.database(), () -> {
        StoredGuardrail old = stored(id);
        ObjectNode params = p.params() == null ? old.litellmParams()
            : GuardrailBodies.merge(old.litellmParams(), p.params());
        return save(old, p.name() != null ? p.name() : old.guardrailName(), params,
            p.info() != null ? p.info() : old.guardrailInfo(), "litellm_params");
      });
    } catch (RuntimeException e) {
      ErrorResponses.send(ctx.response(), e);
    }
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("guardrail_id");
    Replies.blocking(ctx, plane.database(), () -> {
      stored(id);
      if (!store().delete(id)) {
        throw notFound(id);
      }
      sync.refresh();
      return Json.object().put("message", "Guardrail " + id + " deleted successfully");
    });
  }

  /**
   * Checks and writes a changed row.
   *
   * @param params as they will be stored: credentials kept from {@code old} still encrypted, new ones in plaintext
   */
  private ObjectNode save(StoredGuardrail old, String name, ObjectNode params, ObjectNode info, String prefix) {
    GatewaySettings now = settings.get();
    freeName(now.guardrails(), name, old.guardrailId(), nameParam(prefix));
    ObjectNode plain;
    try {
      plain = now.models().secrets().open(params);
    } catch (IllegalStateException e) {
      throw ApiError.badRequest(e.getMessage() + "; send the credentials again, or delete the guardrail and add it "
          + "again", prefix);
    }
    GuardrailCheck.build(name, plain, info, now.models().env(), prefix);
    long at = Math.max(System.currentTimeMillis(), old.updatedAt() + 1); // the pollers' fingerprint must move
    StoredGuardrail row = new StoredGuardrail(old.guardrailId(), name,
        GuardrailSecrets.seal(now.models().secrets(), plain), info, old.createdAt(), at);
    try {
      if (!store().update(row)) {
        throw notFound(old.guardrailId());
      }
    } catch (DatabaseException e) {
      freeName(now.guardrails(), name, old.guardrailId(), nameParam(prefix));
      throw e;
    }
    sync.refresh();
    return GuardrailJson.row(row);
  }

  /** A 400 when a config-file guardrail or another stored one has {@code name}. */
  private void freeName(GuardrailSet set, String name, String ownId, String param) {
    if (set.configured().stream().anyMatch(g -> g.name().equals(name))) {
      throw ApiError.badRequest("a guardrail named '" + name + "' is defined in the config file; choose another name",
          param);
    }
    StoredGuardrail other = store().named(name);
    if (other != null && !other.guardrailId().equals(ownId)) {
      throw ApiError.badRequest("a guardrail named '" + name + "' already exists (guardrail_id "
          + other.guardrailId() + ")", param);
    }
  }

  /** Where the name sits in a body whose params sit at {@code prefix}. */
  private static String nameParam(String prefix) {
    return prefix.startsWith("guardrail.") ? "guardrail.guardrail_name" : "guardrail_name";
  }

  /** The stored row with this id, read from the database; 400 for a config-file guardrail, 404 for none. */
  private StoredGuardrail stored(String id) {
    StoredGuardrail row = store().find(id);
    if (row != null) {
      return row;
    }
    if (configured(settings.get().guardrails(), id) != null) {
      throw ApiError.badRequest("guardrail '" + id + "' is defined in the config file; change it there, not through "
          + "the API", "guardrail_id");
    }
    throw notFound(id);
  }

  private static ConfiguredGuardrail configured(GuardrailSet set, String id) {
    return set.configured().stream().filter(g -> g.name().equals(id)).findFirst().orElse(null);
  }

  private static ApiError notFound(String id) {
    return Replies.notFound("Guardrail with ID " + id + " not found", "guardrail_id");
  }

  private GuardrailStore store() {
    return sync.store();
  }
}
