package dev.tollgate.gateway.spend;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Spend per key hash that has been counted but not yet written to {@code tg_keys}: what the budget check adds to the
 * cached key's stored spend so that a budget is seen as crossed at once, not after the next flush. Thread-safe.
 */
public final class PendingSpend {
  private final ConcurrentHashMap<String, Double> byKey = new ConcurrentHashMap<>();

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
