package dev.tollgate.gateway.spend;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Spend that has been counted but not yet written, per key hash ({@code tg_keys}) and per entity
 * ({@link #entity}: {@code team:<id>}, {@code user:<id>}, {@code organization:<id>}, {@code end_user:<id>}) and per
 * key and model group ({@link #keyModel}: {@code model:<hash>:<group>}): what the
 * budget checks add to the cached row's stored spend so that a budget is seen as crossed at once, not after the next
 * flush. Key hashes are hex, so the two never collide. Thread-safe.
 */
public final class PendingSpend {
  private final ConcurrentHashMap<String, Double> byKey = new ConcurrentHashMap<>();

  /** The name an entity's pending spend is kept under: {@code <kind>:<id>}. */
  public static String entity(String kind, String id) {
    return kind + ":" + id;
  }

  /**
   * The name a virtual key's pending spend on one model group is kept under ({@code model:<hash>:<group>}), for
   * {@code model_max_budget}.
   */
  public static String keyModel(String keyHash, String modelGroup) {
    return "model:" + keyHash + ":" + modelGroup;
  }

  /** Counts {@code amount} for {@code keyHash} (a completed call). */
  public void add(String keyHash, double amount) {
    if (keyHash == null || amount == 0) {
      return;
    }
    byKey.merge(keyHash, amount, Double::sum);
  }

  /** Removes {@code amount} after it was written to the key's row. */
  public void written(String keyHash, double amount) {
    if (keyHash == null || amount == 0) {
      return;
    }
    byKey.computeIfPresent(keyHash, (k, v) -> {
      double left = v - amount;
      // what remains after subtracting a sum of the same floats is rounding noise when it is this small
      return Math.abs(left) <= Math.ulp(Math.max(Math.abs(v), Math.abs(amount))) * 16 ? null : left;
    });
  }

  /** Not yet written spend of this key; 0 when none. */
  public double of(String keyHash) {
    Double v = byKey.get(keyHash);
    return v == null ? 0 : v;
  }
}
