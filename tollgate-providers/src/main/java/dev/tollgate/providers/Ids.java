package dev.tollgate.providers;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request and response ids. Random version-4 UUIDs from {@link ThreadLocalRandom}: unique enough for call ids and
 * cheap on the hot path ({@link dev.tollgate.providers.Ids.uuid()} draws from a shared SecureRandom). Never use these as secrets.
 */
public final class Ids {
  private Ids() {}

  public static String uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
