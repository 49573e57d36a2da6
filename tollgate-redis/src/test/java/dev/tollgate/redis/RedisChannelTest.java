package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisChannelTest {
  private Vertx vertx;
  private SharedRedis a;
  private SharedRedis b;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    RedisSettings settings = TestRedis.settings();
    a = SharedRedis.create(vertx, settings);
    b = SharedRedis.create(vertx, settings);
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void deliversToTheOtherInstancesOnly() throws Exception {
    RedisChannel onA = new RedisChannel(a, "keys:invalidate");
    RedisChannel onB = new RedisChannel(b, "keys:invalidate");
    LinkedBlockingQueue<String> seenByA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<String> seenByB = new LinkedBlockingQueue<>();
    CountDownLatch subscribed = new CountDownLatch(2);
    onA.subscribe(seenByA::add, subscribed::countDown);
    onB.subscribe(seenByB::add, subscribed::countDown);
    assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();

    onA.publish("hash-1").await(5, TimeUnit.SECONDS);
    assertThat(seenByB.poll(2, TimeUnit.SECONDS)).isEqualTo("hash-1");
    onB.publish("hash 2").await(5, TimeUnit.SECONDS);
    assertThat(seenByA.poll(2, TimeUnit.SECONDS)).isEqualTo("hash 2");
    assertThat(seenByA.poll(200, TimeUnit.MILLISECONDS)).as("not its own message").isNull();
    assertThat(seenByB).isEmpty();
    onA.close();
    onB.close();
  }

  @Test
  void keepsRetryingWhileRedisIsDown() throws Exception {
    SharedRedis dead = SharedRedis.create(vertx, RedisSettings.of("127.0.0.1", TestRedis.deadPort(), null, null));
    try (RedisChannel channel = new RedisChannel(dead, "keys:invalidate")) {
      CountDownLatch subscribed = new CountDownLatch(1);
      channel.subscribe(m -> {}, subscribed::countDown);
      assertThat(subscribed.await(300, TimeUnit.MILLISECONDS)).isFalse();
      assertThat(channel.publish("x").failed() || !channel.publish("x").succeeded()).isTrue();
    } finally {
      dead.close();
    }
  }
}
