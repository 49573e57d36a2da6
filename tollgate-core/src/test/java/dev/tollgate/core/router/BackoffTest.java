package dev.tollgate.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.RateLimitException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ZERO, new Random(7));
  private final RateLimitException limited = new RateLimitException("m", "p", "x", null);

  @Test
  void retryAfterWinsEvenWhenAnotherDeploymentIsFree() {
    RateLimitException withHeader = new RateLimitException("m", "p", "x", Duration.ofMillis(1500));

    assertThat(backoff.delayMillis(withHeader, ErrorKind.RATE_LIMIT, 0, true)).isEqualTo(1500);
  }

  @Test
  void rateLimitsBackOffExponentiallyUpToTheCap() {
    for (int retry = 0; retry < 12; retry++) {
      double base = Math.min(8_000, 500 * Math.pow(2, retry));
      long delay = backoff.delayMillis(limited, ErrorKind.RATE_LIMIT, retry, true);
      assertThat(delay).as("retry %d", retry).isBetween((long) (base * 0.25), Math.min(8_000L, (long) (base * 1.75)));
    }
  }

  @Test
  void otherErrorsRetryAtOnceWhenAnotherDeploymentIsFreeElseBackOff() {
    InternalServerException boom = new InternalServerException("m", "p", "x");

    assertThat(backoff.delayMillis(boom, ErrorKind.INTERNAL_SERVER, 0, true)).isZero();
    assertThat(backoff.delayMillis(boom, ErrorKind.INTERNAL_SERVER, 0, false)).isBetween(125L, 875L);
  }

  @Test
  void theMinimumWaitApplies() {
    Backoff withMinimum = new Backoff(Duration.ofSeconds(2), new Random(7));

    assertThat(withMinimum.delayMillis(new InternalServerException("m", "p", "x"), ErrorKind.INTERNAL_SERVER, 0, true))
        .isEqualTo(2_000);
  }
}
