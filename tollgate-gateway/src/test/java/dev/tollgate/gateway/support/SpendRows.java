package dev.tollgate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The spend-log rows of one call, read through {@code /spend/logs}. A call's record is queued when its response has
 * ended, which can be a moment after the client read the answer; so this flushes and reads again until the row is
 * there (bounded), instead of flushing once and racing the queue.
 */
public final class SpendRows {
  private static final long WAIT_NANOS = 10_000_000_000L;

  private SpendRows() {}

  /** The rows of {@code callId} once at least one was written, or the last (empty) answer after 10 s. */
  public static JsonNode of(RunningGateway gw, String callId) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    Http http = new Http(gw);
    while (true) {
      gw.controlPlane().spend().flush();
      JsonNode rows = http.get("/spend/logs?request_id=" + callId, RunningGateway.MASTER_KEY).json();
      if ((rows.isArray() && !rows.isEmpty()) || System.nanoTime() > deadline) {
        return rows;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return rows;
      }
    }
  }
}
