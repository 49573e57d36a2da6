package dev.tollgate.gateway.keys;

import dev.tollgate.redis.RedisChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link KeyInvalidations} over Redis pub/sub (channel {@code <prefix>keys:invalidate}, {@code tollgate:} by default):
 * a key updated, blocked, deleted or regenerated on one instance is dropped from every other instance's
 * {@link KeyCache} as soon as the message arrives. Subscribers may register before the channel is attached
 * ({@link #attach}, when Vert.x is running); a publish before that reaches no one, as no other instance can be told
 * without Redis.
 */
public final class RedisKeyInvalidations implements KeyInvalidations {
  public static final String CHANNEL = "keys:invalidate";

  private final List<Consumer<String>> onChanged = new CopyOnWriteArrayList<>();
  private final List<Runnable> onMissed = new CopyOnWriteArrayList<>();
  private volatile RedisChannel channel;

  @Override
  public void publish(String hash) {
    RedisChannel c = channel;
    if (c != null) {
      c.publish(hash);
    }
  }

  @Override
  public void subscribe(Consumer<String> subscriber) {
    onChanged.add(subscriber);
  }

  @Override
  public void subscribeMissed(Runnable dropAll) {
    onMissed.add(dropAll);
  }

  /** Starts delivering: subscribes on {@code c} and publishes there from now on. */
  public void attach(RedisChannel c) {
    channel = c;
    c.subscribe(hash -> onChanged.forEach(s -> s.accept(hash)), () -> onMissed.forEach(Runnable::run));
  }

  /** Stops the subscription. */
  public void detach() {
    RedisChannel c = channel;
    channel = null;
    if (c != null) {
      c.close();
    }
  }
}
