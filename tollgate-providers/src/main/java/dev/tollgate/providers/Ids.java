package dev.tollgate.providers;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request and response ids, drawn from {@link ThreadLocalRandom}: unique enough for ids and cheap on the hot path
 * ({@link UUID#randomUUID()} draws from a shared SecureRandom). Never use these as secrets.
 */
public final class Ids {
  private Ids() {}

  /** A random version-4 UUID. */
  public static String uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /**
   * A version-7 UUID (RFC 9562): the Unix time in milliseconds in the first 48 bits, then 74 random bits. Ids made
   * later sort after earlier ones (to the millisecond), so a database index on them grows at its end instead of at
   * random places: the gateway's call ids, which key the spend log.
   */
  public static String timeOrderedUuid(long unixMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
