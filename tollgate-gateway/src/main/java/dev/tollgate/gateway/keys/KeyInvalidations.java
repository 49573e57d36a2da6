package dev.tollgate.gateway.keys;

import java.util.function.Consumer;

/**
 * The extension point for invalidating cached keys across gateway instances. {@link KeyCache#invalidate} publishes
 * the hash of every changed key; an implementation delivers it to the other instances' subscribers
 * ({@link RedisKeyInvalidations}: Redis pub/sub on {@code tollgate:keys:invalidate}).
 */
public interface KeyInvalidations {
  /** Tells the other instances that the key with this hash changed. */
  void publish(String hash);

  /** Registers what to do when another instance reports a changed key. */
  void subscribe(Consumer<String> onChanged);

  /**
   * Registers what to do when changes may have been missed (the bus was disconnected and is back): drop everything
   * cached. A local bus never misses anything.
   */
  default void subscribeMissed(Runnable dropAll) {}

  /** Single instance: nothing to tell anyone. */
  KeyInvalidations LOCAL = new KeyInvalidations() {
    @Override
    public void publish(String hash) {}

    @Override
    public void subscribe(Consumer<String> onChanged) {}
  };
}
