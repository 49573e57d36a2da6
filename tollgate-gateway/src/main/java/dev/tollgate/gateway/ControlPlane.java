package dev.tollgate.gateway;

import dev.tollgate.gateway.auth.Blocklist;
import dev.tollgate.gateway.auth.UserCache;
import dev.tollgate.gateway.budgets.BudgetChecks;
import dev.tollgate.gateway.budgets.BudgetResets;
import dev.tollgate.gateway.budgets.EntityCache;
import dev.tollgate.gateway.budgets.EntityKind;
import dev.tollgate.gateway.budgets.EntityLoader;
import dev.tollgate.gateway.budgets.SoftBudgets;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.metrics.GatewayMetrics;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.limits.RateLimiter;
import dev.tollgate.gateway.shared.SharedState;
import dev.tollgate.gateway.spend.JdbcSpendStore;
import dev.tollgate.gateway.spend.PendingSpend;
import dev.tollgate.gateway.spend.SpendStore;
import dev.tollgate.gateway.spend.SpendWriter;
import dev.tollgate.gateway.store.Database;
import io.vertx.core.Vertx;
import java.util.function.UnaryOperator;

/**
 * The gateway's stateful services over the database: virtual keys and their cache, the management entities (users,
 * teams, organizations, customers, budgets) with the user cache (roles) and the entity cache (budgets, limits, blocks),
 * spend (the batching writer and the not-yet-written spend per key and entity), soft-budget records and rate-limit
 * counters, the last two in memory or shared through Redis ({@link SharedState}). Unlike {@link GatewaySettings} it
 * lives as long as the process (a config reload keeps it). {@link #close} writes queued spend, then closes the
 * database.
 */
public final class ControlPlane implements AutoCloseable {
  private final Database database;
  private final KeyStore keys;
  private final KeyCache keyCache;
  private final EntityStore entities;
  private final UserCache userCache;
  private final Blocklist blocklist;
  private final PendingSpend pendingSpend = new PendingSpend();
  private final SpendWriter spend;
  private final SharedState shared;
  private final BudgetResets budgetResets;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final EntityCache entityCache;
  private final SoftBudgets softBudgets = new SoftBudgets();
  private final BudgetChecks budgetChecks = new BudgetChecks(pendingSpend, softBudgets);
  private final dev.tollgate.gateway.cache.ResponseCache responseCache;

  public ControlPlane(Database database, KeyInvalidations invalidations) {
    this(database, invalidations, UnaryOperator.identity());
  }

  /** @param spendStore wraps the JDBC spend store (tests inject failures this way) */
  public ControlPlane(Database database, KeyInvalidations invalidations, UnaryOperator<SpendStore> spendStore) {
    this(database, SharedState.local(invalidations), spendStore);
  }

  /** @param shared where rate limits and key invalidations live (in memory, or Redis for several instances) */
  public ControlPlane(Database database, SharedState shared, UnaryOperator<SpendStore> spendStore) {
    this.database = database;
    this.shared = shared;
    this.keys = new KeyStore(database);
    this.keyCache = new KeyCache(keys, shared.invalidations());
    this.entities = new EntityStore(database);
    this.userCache = new UserCache(entities);
    this.blocklist = new Blocklist(database);
    this.entityCache = new EntityCache(new EntityLoader(database), shared.invalidations());
    this.spend = new SpendWriter(spendStore.apply(new JdbcSpendStore(database)), pendingSpend,
        keyCache::invalidateLocal, (kind, id) -> {
          EntityKind k = EntityKind.of(kind);
          if (k != null) {
            entityCache.invalidateLocal(k, id);
          }
        });
    this.budgetResets = new BudgetResets(database, keyCache, System::currentTimeMillis);
    metrics.watch(spend);
    this.responseCache = new dev.tollgate.gateway.cache.ResponseCache(shared::redis, System::currentTimeMillis,
        metrics.registry());
    // another instance's management change: roles (user cache) and team blocks (blocklist) follow it at once
    entityCache.onRemoteChange((kind, id) -> {
      if (kind == EntityKind.USER) {
        userCache.invalidate(id);
      } else if (kind == EntityKind.TEAM) {
        userCache.invalidateAll(); // team roles of its members
        blocklist.reload();
      }
    });
    shared.invalidations().subscribeMissed(() -> {
      userCache.invalidateAll();
      blocklist.reload();
    });
  }

  /** Opens (and migrates) the database at {@code url}, single-instance invalidation. */
  public static ControlPlane open(String url) {
    return open(url, SharedState.local());
  }

  /** Opens (and migrates) the database at {@code url}, with {@code shared} limits and invalidations. */
  public static ControlPlane open(String url, SharedState shared) {
    return new ControlPlane(Database.open(url), shared, UnaryOperator.identity());
  }

  /** Connects the shared state (Redis, when configured) on the gateway's Vert.x; called once it runs. */
  public void start(Vertx vertx) {
    shared.start(vertx);
  }

  public SharedState shared() {
    return shared;
  }

  public Database database() {
    return database;
  }

  public KeyStore keys() {
    return keys;
  }

  public KeyCache keyCache() {
    return keyCache;
  }

  /** Users, teams, organizations, customers and budgets. */
  public EntityStore entities() {
    return entities;
  }

  /** User id to role and team roles, for management-route permissions. */
  public UserCache userCache() {
    return userCache;
  }

  /** Blocked teams, checked by {@code KeyAuth} on every route without the database. */
  public Blocklist blocklist() {
    return blocklist;
  }

  /**
   * Users, teams, organizations and end users as budgets and limits see them; the management APIs call
   * {@link EntityCache#invalidate} after changing one.
   */
  public EntityCache entityCache() {
    return entityCache;
  }

  /** Soft-budget crossings; {@link SoftBudgets#addAlert} registers an alert sink. */
  public SoftBudgets softBudgets() {
    return softBudgets;
  }

  public BudgetChecks budgetChecks() {
    return budgetChecks;
  }

  /** Cached LLM answers (memory or Redis, as the serving snapshot's {@code cache_params} say). */
  public dev.tollgate.gateway.cache.ResponseCache responseCache() {
    return responseCache;
  }

  /** Prometheus metrics ({@code GET /metrics}). */
  public GatewayMetrics metrics() {
    return metrics;
  }

  public SpendWriter spend() {
    return spend;
  }

  public PendingSpend pendingSpend() {
    return pendingSpend;
  }

  /** The budget-reset job; {@code Gateway} starts it, {@link #close} stops it. */
  public BudgetResets budgetResets() {
    return budgetResets;
  }

  public RateLimiter limiter() {
    return shared.limiter();
  }

  /**
   * A key's spend as budgets see it: the stored spend of its freshest cached copy (else of {@code key}) plus the spend
   * counted but not yet written.
   */
  public double currentSpend(dev.tollgate.gateway.keys.VirtualKey key) {
    dev.tollgate.gateway.keys.VirtualKey cached = keyCache.cachedOrNull(key.token());
    double stored = cached != null ? cached.spend() : key.spend();
    return stored + pendingSpend.of(key.token());
  }

  /** Writes all queued spend, then closes the database. */
  @Override
  public void close() {
    budgetResets.close();
    try {
      shared.close();
      spend.close();
    } finally {
      database.close();
    }
  }
}
