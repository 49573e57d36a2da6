package dev.tollgate.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fixed windows, counted before (requests, parallel) and after (tokens) the call. */
class InMemoryRateLimiterTest {
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

  @Test
  void requestsResetWhenTheWindowEnds() {
    KeyLimits rpm2 = new KeyLimits(2L, null, null);
    assertThat(limiter.decide("k", rpm2, 1_000).remainingRequests()).isEqualTo(1);
    limiter.release("k", rpm2, 0, 1_001);
    assertThat(limiter.decide("k", rpm2, 2_000).remainingRequests()).isZero();
    limiter.release("k", rpm2, 0, 2_001);
    Decision refused = limiter.decide("k", rpm2, 60_999);
    assertThat(refused.refusedBy()).isEqualTo("requests");
    assertThat(refused.limit()).isEqualTo(2);
    assertThat(refused.resetAtMillis()).isEqualTo(61_000);
    assertThat(limiter.decide("k", rpm2, 61_000).allowed()).isTrue();
  }

  @Test
  void tokensAreCountedAfterTheCallAndCheckedBeforeTheNext() {
    KeyLimits tpm100 = new KeyLimits(null, 100L, null);
    assertThat(limiter.decide("t", tpm100, 0).allowed()).isTrue();
    limiter.release("t", tpm100, 60, 10);
    Decision second = limiter.decide("t", tpm100, 20);
    assertThat(second.allowed()).isTrue();
    assertThat(second.remainingTokens()).isEqualTo(40);
    limiter.release("t", tpm100, 60, 30);
    Decision third = limiter.decide("t", tpm100, 40);
    assertThat(third.refusedBy()).isEqualTo("tokens");
    assertThat(third.remaining()).isZero();
  }

  @Test
  void aParallelSlotIsHeldUntilReleased() {
    KeyLimits one = new KeyLimits(null, null, 1);
    assertThat(limiter.decide("p", one, 0).allowed()).isTrue();
    assertThat(limiter.decide("p", one, 1).refusedBy()).isEqualTo("max_parallel_requests");
    limiter.release("p", one, 0, 2);
    assertThat(limiter.decide("p", one, 3).allowed()).isTrue();
  }

  @Test
  void aRefusedRequestIsNotCounted() {
    KeyLimits both = new KeyLimits(3L, null, 1);
    assertThat(limiter.decide("r", both, 0).allowed()).isTrue();
    assertThat(limiter.decide("r", both, 1).allowed()).isFalse(); // parallel
    limiter.release("r", both, 0, 2);
    assertThat(limiter.decide("r", both, 3).remainingRequests()).isEqualTo(1);
  }
}
