package dev.tollgate.gateway.models;

import dev.tollgate.gateway.store.TablePoller;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Keeps the served models in step with {@code tg_models}. After a change through this instance's API,
 * {@link #refresh} rebuilds the catalog at once; every {@code interval} a daemon thread ({@code tollgate-model-sync},
 * never an event loop) compares the table's {@link ModelStore#fingerprint} with the last one it saw and, when another
 * instance changed the table, reloads the rows and swaps a new snapshot in. Blocking: call off the event loop.
 */
public final class ModelSync implements AutoCloseable {

  /** Replaces the served catalog: given a function from the current catalog to the next, swaps it atomically. */
  @FunctionalInterface
  public interface Swap {
    void apply(UnaryOperator<ModelCatalog> change);
  }

  private final ModelStore store;
  private final Swap swap;
  private final TablePoller poller = new TablePoller("tollgate-model-sync", "models", this::refreshIfChanged);
  private String seen;

  public ModelSync(ModelStore store, Swap swap) {
    this.store = store;
    this.swap = swap;
  }

  public ModelStore store() {
    return store;
  }

  /** {@code base}'s config models plus the stored ones as the table holds them now (for a config reload). */
  public synchronized ModelCatalog load(ModelCatalog base) {
    String fingerprint = store.fingerprint();
    ModelCatalog loaded = base.withStored(store.all());
    seen = fingerprint;
    return loaded;
  }

  /** Reloads the stored models and swaps them in (whether or not the table changed). */
  public synchronized void refresh() {
    String fingerprint = store.fingerprint();
    var rows = store.all();
    swap.apply(current -> current.withStored(rows));
    seen = fingerprint;
  }

  /** Reloads only when the table changed since the last load; what the poller runs. */
  public synchronized boolean refreshIfChanged() {
    String fingerprint = store.fingerprint();
    if (fingerprint.equals(seen)) {
      return false;
    }
    var rows = store.all();
    swap.apply(current -> current.withStored(rows));
    seen = fingerprint;
    return true;
  }

  /** Loads the stored models now, then polls every {@code interval}. */
  public synchronized void start(Duration interval) {
    refresh();
    poller.start(interval);
  }

  @Override
  public void close() {
    poller.close();
  }
}
