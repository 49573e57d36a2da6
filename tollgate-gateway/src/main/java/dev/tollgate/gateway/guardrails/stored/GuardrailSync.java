package dev.tollgate.gateway.guardrails.stored;

import dev.tollgate.gateway.GatewaySettings;
import dev.tollgate.gateway.store.TablePoller;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the served guardrails in step with {@code tg_guardrails}, as {@code ModelSync} does for models: after a
 * change through this instance's API, {@link #refresh} rebuilds the stored guardrails and swaps a new snapshot in at
 * once (the next request runs with it); every {@code interval} a daemon thread ({@code tollgate-guardrail-sync},
 * never an event loop) compares the table's {@link GuardrailStore#fingerprint} with the last one it saw and, when
 * another instance changed the table, does the same. Requests never read the table. Blocking: call off the event
 * loop.
 */
public final class GuardrailSync implements AutoCloseable {
  private final GuardrailStore store;
  private final AtomicReference<GatewaySettings> settings;
  private final TablePoller poller = new TablePoller("tollgate-guardrail-sync", "guardrails", this::refreshIfChanged);
  private String seen;

  /** @param settings the gateway's served snapshot, whose guardrails this swaps */
  public GuardrailSync(GuardrailStore store, AtomicReference<GatewaySettings> settings) {
    this.store = store;
    this.settings = settings;
  }

  public GuardrailStore store() {
    return store;
  }

  /** {@code next} with the stored guardrails as the table holds them now (for a config reload). */
  public synchronized GatewaySettings load(GatewaySettings next) {
    String fingerprint = store.fingerprint();
    GatewaySettings loaded = next.withGuardrails(StoredGuardrails.serve(next.guardrails(), store.all(),
        next.models().secrets(), next.models().env()));
    seen = fingerprint;
    return loaded;
  }

  /** Reloads the stored guardrails and swaps them in (whether or not the table changed). */
  public synchronized void refresh() {
    String fingerprint = store.fingerprint();
    swap(store.all());
    seen = fingerprint;
  }

  /** Reloads only when the table changed since the last load; what the poller runs. */
  public synchronized boolean refreshIfChanged() {
    String fingerprint = store.fingerprint();
    if (fingerprint.equals(seen)) {
      return false;
    }
    swap(store.all());
    seen = fingerprint;
    return true;
  }

  private void swap(List<StoredGuardrail> rows) {
    // built once, outside the atomic update (which may run its function again); secrets and env come from the
    // config, which only a reload changes, and a reload loads through this object's lock
    GatewaySettings now = settings.get();
    StoredGuardrails.Served built = StoredGuardrails.build(now.guardrails(), rows, now.models().secrets(),
        now.models().env());
    settings.updateAndGet(s -> s.withGuardrails(built.over(s.guardrails())));
  }

  /** Loads the stored guardrails now, then polls every {@code interval}. */
  public synchronized void start(Duration interval) {
    refresh();
    poller.start(interval);
  }

  @Override
  public void close() {
    poller.close();
  }
}
