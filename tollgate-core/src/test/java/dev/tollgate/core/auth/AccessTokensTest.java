package dev.tollgate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.spi.AccessTokenRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private static final AccessTokenRequest ACCOUNT_A =
      new AccessTokenRequest(AccessTokenRequest.GOOGLE, null, "/keys/a.json", List.of("scope"));
  private static final AccessTokenRequest ACCOUNT_B =
      new AccessTokenRequest(AccessTokenRequest.GOOGLE, "{\"client_email\":\"b\"}", null, List.of("scope"));

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  @Test
  void aTokenIsReusedUntilTheMarginBeforeExpiryThenRefreshed() {
    TestClock clock = new TestClock();
    AtomicInteger fetches = new AtomicInteger();
    AccessTokens tokens = new AccessTokens(
        r -> new AccessToken("t" + fetches.incrementAndGet(), clock.instant().plus(Duration.ofHours(1))),
        clock, Duration.ofMinutes(5));

    assertThat(tokens.get(ACCOUNT_A).value()).isEqualTo("t1");
    clock.advance(Duration.ofMinutes(54));
    assertThat(tokens.get(ACCOUNT_A).value()).isEqualTo("t1");
    clock.advance(Duration.ofMinutes(1)); // 55 min: within 5 min of expiry
    assertThat(tokens.get(ACCOUNT_A).value()).isEqualTo("t2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void differentCredentialsHaveDifferentTokens() {
    AtomicInteger fetches = new AtomicInteger();
    AccessTokens tokens = new AccessTokens(
        r -> new AccessToken(r.credentialsFile() != null ? "a" : "b", Instant.MAX), Clock.systemUTC(), Duration.ZERO);
    assertThat(tokens.get(ACCOUNT_A).value()).isEqualTo("a");
    assertThat(tokens.get(ACCOUNT_B).value()).isEqualTo("b");
  }

  @Test
  void concurrentCallersShareOneFetchOnTheExecutor() {
    List<Runnable> queued = new ArrayList<>();
    AtomicInteger fetches = new AtomicInteger();
    AccessTokens tokens = new AccessTokens(
        r -> new AccessToken("t" + fetches.incrementAndGet(), Instant.MAX), Clock.systemUTC(), Duration.ZERO);

    CompletableFuture<AccessToken> one = tokens.getAsync(ACCOUNT_A, queued::add);
    CompletableFuture<AccessToken> two = tokens.getAsync(ACCOUNT_A, queued::add);
    assertThat(one).isNotDone(); // nothing ran on the caller's thread
    assertThat(queued).hasSize(1);
    queued.get(0).run();

    assertThat(one.join().value()).isEqualTo("t1");
    assertThat(two.join().value()).isEqualTo("t1");
    assertThat(tokens.getAsync(ACCOUNT_A, queued::add)).isCompletedWithValueMatching(t -> t.value().equals("t1"));
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aFailedFetchIsReportedAndNotCached() {
    AtomicInteger fetches = new AtomicInteger();
    AccessTokens tokens = new AccessTokens(r -> {
      if (fetches.incrementAndGet() == 1) {
        throw new AuthenticationException("invalid_grant", "vertex_ai", null);
      }
      return new AccessToken("ok", Instant.MAX);
    }, Clock.systemUTC(), Duration.ZERO);

    assertThatThrownBy(() -> tokens.get(ACCOUNT_A)).isInstanceOf(AuthenticationException.class);
    assertThat(tokens.get(ACCOUNT_A).value()).isEqualTo("ok");
  }

  @Test
  void theCacheKeyDoesNotHoldTheCredentialsText() {
    assertThat(ACCOUNT_B.cacheKey()).doesNotContain("client_email");
    assertThat(ACCOUNT_A.cacheKey()).contains("/keys/a.json");
  }
}
