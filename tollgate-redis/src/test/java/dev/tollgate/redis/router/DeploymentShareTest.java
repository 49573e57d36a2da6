package dev.tollgate.redis.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState.MinuteUsage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bookkeeping between this instance's counts and Redis's, without Redis. */
class DeploymentShareTest {
  private static final long MINUTE = 29_833_333;

  @Test
  void takesWhatIsPendingOnceAndGivesBackAFailedWrite() {
    DeploymentShare share = new DeploymentShare("d1");
    share.addRequest(MINUTE);
    share.addRequest(MINUTE);
    share.addTokens(MINUTE, 30);
    DeploymentShare.Delta d = share.take(MINUTE);
    assertThat(d).isEqualTo(new DeploymentShare.Delta(MINUTE, 2, 30));
    assertThat(share.take(MINUTE).isEmpty()).isTrue();

    share.addRequest(MINUTE);
    share.giveBack(d);
    assertThat(share.pending(MINUTE)).isEqualTo(new MinuteUsage(3, 30));
  }

  @Test
  void countsOfAMinuteThatEndedAreDropped() {
    DeploymentShare share = new DeploymentShare("d1");
    share.addRequest(MINUTE);
    DeploymentShare.Delta old = share.take(MINUTE);
    share.addTokens(MINUTE, 5);
    assertThat(share.take(MINUTE + 1).isEmpty()).isTrue();
    share.giveBack(old);
    assertThat(share.pending(MINUTE + 1)).isEqualTo(MinuteUsage.NONE);
  }

  @Test
  void theLocalViewIsRedisPlusWhatIsNotWrittenYet() {
    AtomicLong clock = new AtomicLong(MINUTE * 60_000 + 10_000);
    InMemoryRouterState local = new InMemoryRouterState(clock::get);
    DeploymentShare share = new DeploymentShare("d1");
    local.acquire("d1", -1, -1);
    share.addRequest(MINUTE);
    share.applyShared(local, MINUTE, 7, 100);
    assertThat(local.usage("d1")).isEqualTo(new MinuteUsage(8, 100));

    share.applyShared(local, MINUTE, 5, 40);
    assertThat(local.usage("d1")).as("Redis took counts back").isEqualTo(new MinuteUsage(6, 40));

    clock.addAndGet(60_000);
    share.applyShared(local, MINUTE, 20, 200);
    assertThat(local.usage("d1")).as("an answer about a minute that ended").isEqualTo(MinuteUsage.NONE);
  }

  @Test
  void publishesInFlightWhileBusyAndWhenItGoesBackToZero() {
    DeploymentShare share = new DeploymentShare("d1");
    assertThat(share.busyToWrite(0)).as("idle: nothing to say").isFalse();
    assertThat(share.busyToWrite(2)).isTrue();
    assertThat(share.busyToWrite(2)).as("kept fresh while busy").isTrue();
    assertThat(share.busyToWrite(0)).isTrue();
    assertThat(share.busyToWrite(0)).isFalse();
    share.busyUnknown();
    assertThat(share.busyToWrite(0)).as("after a failed write").isTrue();
  }

  @Test
  void othersInFlightExpireWhenNotReadForAWhile() {
    DeploymentShare share = new DeploymentShare("d1");
    share.readOthersInFlight(4, 1_000);
    assertThat(share.othersInFlight(3_000, 5_000)).isEqualTo(4);
    assertThat(share.othersInFlight(6_001, 5_000)).isZero();
  }

  @Test
  void aCooldownNotSharedIsTakenOnceTheLatestFirst() {
    DeploymentShare share = new DeploymentShare("d1");
    share.cooldownNotShared(500);
    share.cooldownNotShared(300);
    assertThat(share.takeUnsharedCooldown()).isEqualTo(500);
    assertThat(share.takeUnsharedCooldown()).isZero();
  }
}
