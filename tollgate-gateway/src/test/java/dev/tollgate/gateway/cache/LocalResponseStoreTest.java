package dev.tollgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalResponseStoreTest {
  private final AtomicLong nanos = new AtomicLong();
  private final LocalResponseStore store = new LocalResponseStore(100, 1_000_000, nanos::get);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEntryLivesForItsOwnTtl() {
    store.put("short", bytes("a"), 1_000);
    store.put("long", bytes("b"), 10_000);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(store.get("short").result()).isEqualTo(bytes("a"));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
    assertThat(store.get("short").result()).isNull();
    assertThat(store.get("long").result()).isEqualTo(bytes("b"));
  }

  @Test
  void theEntryBoundEvicts() {
    LocalResponseStore small = new LocalResponseStore(3, 3_000, nanos::get);
    for (int i = 0; i < 10; i++) {
      small.put("k" + i, bytes("v"), 60_000);
    }
    assertThat(small.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void deleteAndFlushRemoveEntries() {
    store.put("a", bytes("1"), 60_000);
    store.put("b", bytes("2"), 60_000);
    assertThat(store.delete(List.of("a", "missing")).result()).isEqualTo(1);
    assertThat(store.get("a").result()).isNull();
    store.flush();
    assertThat(store.get("b").result()).isNull();
  }
}
