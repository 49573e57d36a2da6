package dev.tollgate.providers.error;

import java.time.Duration;
import java.util.Optional;

/** 429: the provider (or a Tollgate limit) throttled the call; {@link #retryAfter()} says when to try again. */
public class RateLimitException extends ProviderException {
  private final Duration retryAfter;

  public RateLimitException(String message, String provider, String model, Duration retryAfter) {
    super(429, "rate_limit_error", null, null, message, provider, model, null);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
