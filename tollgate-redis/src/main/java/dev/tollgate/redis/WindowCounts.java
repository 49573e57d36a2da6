package dev.tollgate.redis;

import io.vertx.redis.client.Response;

/**
 * What {@link WindowCounter#acquire} saw and did, atomically.
 *
 * @param refused {@link #NONE} when the request was counted; else which limit refused it
 * @param requests requests counted in the current window (including this one when admitted)
 * @param tokens tokens counted in the current window
 * @param parallel parallel slots held (including this one when admitted and a parallel limit is set)
 * @param windowLeftMillis how long the current window still runs
 */
public record WindowCounts(int refused, long requests, long tokens, long parallel, long windowLeftMillis) {
  public static final int NONE = 0;
  public static final int REQUESTS = 1;
  public static final int TOKENS = 2;
  public static final int PARALLEL = 3;

  public boolean admitted() {
    return refused == NONE;
  }

  static WindowCounts from(Response r) {
    return new WindowCounts(r.get(0).toInteger(), r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong(),
        r.get(4).toLong());
  }
}
