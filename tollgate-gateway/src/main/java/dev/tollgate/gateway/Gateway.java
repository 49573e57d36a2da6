package dev.tollgate.gateway;

import dev.tollgate.core.router.RouterState;
import dev.tollgate.gateway.models.ModelStore;
import dev.tollgate.gateway.models.ModelSync;
import dev.tollgate.gateway.guardrails.stored.GuardrailStore;
import dev.tollgate.gateway.guardrails.stored.GuardrailSync;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running gateway: Vert.x with one server verticle per event loop, all serving from the current
 * {@link GatewaySettings} snapshot. Start it with {@link #start}, stop it with {@link #close}.
 */
public final class Gateway implements AutoCloseable {
  private final Vertx vertx;
  private final AtomicReference<GatewaySettings> settings;
  private final int port;
  private final ControlPlane plane;
  private final ModelSync models;
  private final GuardrailSync guardrails;
  private final NetworkTransport network;

  private Gateway(Vertx vertx, NetworkTransport network, AtomicReference<GatewaySettings> settings, int port,
      ControlPlane plane, ModelSync models, GuardrailSync guardrails) {
    this.vertx = vertx;
    this.network = network;
    this.models = models;
    this.guardrails = guardrails;
    this.plane = plane;
    this.settings = settings;
    this.port = port;
  }

  /**
   * Starts the gateway and waits until it listens.
   *
   * @param port 0 picks a free port (tests)
   * @param eventLoops number of event loops ({@code --num_workers})
   * @param plane the opened database and key cache; the gateway owns it from here and closes it in {@link #close}
   */
  public static Gateway start(GatewaySettings initial, ControlPlane plane, String host, int port, int eventLoops)
      throws Exception {
    return start(initial, plane, host, port, eventLoops, NetworkTransport.choose());
  }

  /** As {@link #start(GatewaySettings, ControlPlane, String, int, int)}, on the given network transport. */
  public static Gateway start(GatewaySettings initial, ControlPlane plane, String host, int port, int eventLoops,
      NetworkTransport network) throws Exception {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(eventLoops))
        .withTransport(network.transport()).build();
    RouterState routerState = plane.shared().routerState();
    AtomicReference<GatewaySettings> settings = new AtomicReference<>(initial.withRouterState(routerState));
    ModelSync models = new ModelSync(new ModelStore(plane.database()),
        change -> settings.updateAndGet(s -> s.withModels(change.apply(s.models()))));
    GuardrailSync guardrails = new GuardrailSync(new GuardrailStore(plane.database()), settings);
    try {
      initial.routes().costs().prices(); // load the price table now, not on the first call
      plane.spend().start(initial.spendFlushInterval());
      plane.start(vertx);
      models.start(initial.schedules().modelPoll()); // the stored models are served from the first request
      guardrails.start(initial.schedules().modelPoll()); // and the stored guardrails run on it
      plane.budgetResets().start(initial.schedules().budgetResetMin(), initial.schedules().budgetResetMax());
      // Vert.x shares one listening socket between instances bound to the same port; a negative port means
      // "a random free port, shared by every instance that asks for this same negative number".
      int listen = port == 0 ? -1 : port;
      java.util.List<ServerVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
      dev.tollgate.gateway.ui.UiAssets ui = new dev.tollgate.gateway.ui.UiAssets(); // one in-memory copy for all loops
      vertx.deployVerticle(() -> {
        ServerVerticle v = new ServerVerticle(settings::get, host, listen, plane, models, guardrails, ui);
        instances.add(v);
        return v;
      }, new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
      int bound = instances.get(0).actualPort();
      return new Gateway(vertx, network, settings, bound, plane, models, guardrails);
    } catch (Exception e) {
      models.close();
      guardrails.close();
      vertx.close();
      plane.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The network transport of the event loops, and why each better one was not used ({@link NetworkTransport}). */
  public String transport() {
    return network.description();
  }

  public ControlPlane controlPlane() {
    return plane;
  }

  public GatewaySettings settings() {
    return settings.get();
  }

  /** The job that keeps the served models in step with {@code tg_models}. */
  public ModelSync models() {
    return models;
  }

  /** The job that keeps the served guardrails in step with {@code tg_guardrails}. */
  public GuardrailSync guardrails() {
    return guardrails;
  }

  /**
   * Swaps in a new settings snapshot (with the models and guardrails stored in the database added again); requests already running
   * finish on the old one. Blocking (reads the database): call off the event loop.
   */
  public void reload(GatewaySettings next) {
    // never a moment without the stored models; cooldowns and usage carry over (the router state is the process's)
    settings.set(guardrails.load(next.withModels(models.load(next.models())))
        .withRouterState(plane.shared().routerState()));
    models.start(next.schedules().modelPoll());
    guardrails.start(next.schedules().modelPoll());
    plane.spend().start(next.spendFlushInterval());
    plane.budgetResets().start(next.schedules().budgetResetMin(), next.schedules().budgetResetMax());
  }

  /**
   * Stops serving (Vert.x closes the servers; requests still running end and their call records complete), then
   * closes the control plane, which writes every queued spend row before it closes the database.
   */
  @Override
  public void close() {
    models.close();
    guardrails.close();
    plane.shared().close(); // before Vert.x, so the Redis subscription ends quietly
    Future<Void> closed = vertx.close();
    try {
      closed.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    plane.close();
  }
}
