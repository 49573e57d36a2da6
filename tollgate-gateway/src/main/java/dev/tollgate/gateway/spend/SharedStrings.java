package dev.tollgate.gateway.spend;

/**
 * One instance of each of the few distinct values of a spend row's low-variety text fields (model group, upstream
 * model, provider, deployment, api base, client address, error type), which each request otherwise brings as new
 * strings (parsed from its body, split off the deployment's model name, read from the socket): a queued row then
 * shares them instead of keeping its own copies alive (about 50 bytes each).
 *
 * <p>A fixed table of {@value #SIZE} slots, a value in the slot of its hash: a value found there is returned, any
 * other takes the slot. Bounded whatever the values (a client-chosen end user or model name only evicts others), no
 * lock: slots are written racily, and any string a reader sees is a complete one (strings are immutable). Costs a
 * hash and an equals per field.
 */
final class SharedStrings {
  private static final int SIZE = 1024;
  private static final String[] SLOTS = new String[SIZE];

  private SharedStrings() {}

  /** {@code value}, or an equal string seen before; null for null. */
  static String of(String value) {
    if (value == null) {
      return null;
    }
    int slot = (value.hashCode() ^ (value.hashCode() >>> 16)) & (SIZE - 1);
    String seen = SLOTS[slot];
    if (value.equals(seen)) {
      return seen;
    }
    SLOTS[slot] = value;
    return value;
  }
}
