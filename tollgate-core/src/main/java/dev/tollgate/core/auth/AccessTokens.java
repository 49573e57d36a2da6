package dev.tollgate.core.auth;

import dev.tollgate.providers.spi.AccessTokenRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A cache of bearer tokens per credentials, refreshed shortly before they expire. Fetching is blocking I/O, so
 * {@link #getAsync} runs it on the given executor (never the caller's thread, which may be an event loop) and lets
 * concurrent callers share one fetch; a cached token is returned at once without a thread hop. Thread-safe.
 */
public final class AccessTokens {
  /** Tokens are replaced this long before they expire, so none expires in flight. */
  public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);
  private final AccessTokenSource source;
  private final Clock clock;
  private final Duration margin;
  private final Map<String, AccessToken> cached = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();

  public AccessTokens(AccessTokenSource source, Clock clock, Duration margin) {
    this.source = source;
    this.clock = clock;
    this.margin = margin;
  }

  /** Google tokens (the only kind so far), the system clock and a five-minute margin. */
  public static AccessTokens google() {
    return new AccessTokens(new GoogleAccessTokens(), Clock.systemUTC(), DEFAULT_MARGIN);
  }

  /** A valid token, fetched on {@code executor} when none is cached. The future fails with the fetch's error. */
  public CompletableFuture<AccessToken> getAsync(AccessTokenRequest request, Executor executor) {
    String key = request.cacheKey();
    AccessToken token = fresh(key);
    if (token != null) {
      return CompletableFuture.completedFuture(token);
    }
    CompletableFuture<AccessToken> mine = new CompletableFuture<>();
    CompletableFuture<AccessToken> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running;
    }
    try {
      executor.execute(() -> {
        try {
          AccessToken fetched = fresh(key);
          if (fetched == null) {
            fetched = source.fetch(request);
            cached.put(key, fetched);
          }
          inFlight.remove(key, mine);
          mine.complete(fetched);
        } catch (RuntimeException | Error e) {
          inFlight.remove(key, mine);
          mine.completeExceptionally(e);
        }
      });
    } catch (RuntimeException rejected) {
      inFlight.remove(key, mine);
      mine.completeExceptionally(rejected);
    }
    return mine;
  }

  /** A valid token, fetched on the calling thread when none is cached (for blocking callers). */
  public AccessToken get(AccessTokenRequest request) {
    try {
      return getAsync(request, Runnable::run).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Forgets the cached token of these credentials (the upstream rejected it); the next get fetches a new one. */
  public void invalidate(AccessTokenRequest request) {
    cached.remove(request.cacheKey());
  }

  /** Forgets every cached token. */
  public void clear() {
    cached.clear();
  }

  private AccessToken fresh(String key) {
    AccessToken token = cached.get(key);
    if (token != null && clock.instant().plus(margin).isBefore(token.expiresAt())) {
      return token;
    }
    return null;
  }
}
