package dev.tollgate.gateway;

import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.store.Database;

/**
 * The gateway's stateful services over the database: virtual keys and their cache. Unlike {@link GatewaySettings} it
 * lives as long as the process (a config reload keeps it). {@link #close} closes the database.
 */
public final class ControlPlane implements AutoCloseable {
  private final Database database;
  private final KeyStore keys;
  private final KeyCache keyCache;

  public ControlPlane(Database database, KeyInvalidations invalidations) {
    this.database = database;
    this.keys = new KeyStore(database);
    this.keyCache = new KeyCache(keys, invalidations);
  }

  /** Opens (and migrates) the database at {@code url}, single-instance invalidation. */
  public static ControlPlane open(String url) {
    return new ControlPlane(Database.open(url), KeyInvalidations.LOCAL);
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

  @Override
  public void close() {
    database.close();
  }
}
