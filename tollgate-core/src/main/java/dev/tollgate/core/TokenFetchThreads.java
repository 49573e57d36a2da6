package dev.tollgate.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that fetch OAuth2 access tokens for the SDK's asynchronous calls: daemon threads, created on demand
 * and idle ones reclaimed, so a blocking token exchange never runs on a caller's (possibly event-loop) thread.
 */
final class TokenFetchThreads {
  private static final AtomicInteger COUNT = new AtomicInteger();
  static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "tollgate-token-fetch-" + COUNT.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private TokenFetchThreads() {}
}
