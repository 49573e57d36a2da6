package dev.tollgate.bench.micro;

import dev.tollgate.gateway.keys.KeyCache;
import dev.tollgate.gateway.keys.KeyInvalidations;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The virtual-key lookup on the request path once a key is cached: SHA-256 of the presented key, then the Caffeine
 * lookup in {@link KeyCache} ({@code lookupCached}); {@code hashOnly} isolates the hashing. 1,000 keys are stored in a
 * temporary SQLite database and loaded into the cache before measuring, so no database call is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyCacheBench {
  static final int KEYS = 1000;
  Database database;
  KeyCache cache;
  List<String> plaintext;
  int next;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Path dir = Files.createTempDirectory("tollgate-keycache-bench");
    database = Database.open("jdbc:sqlite:" + dir.resolve("bench.db"));
    KeyStore store = new KeyStore(database);
    cache = new KeyCache(store, KeyInvalidations.LOCAL);
    plaintext = new ArrayList<>(KEYS);
    long now = System.currentTimeMillis();
    for (int i = 0; i < KEYS; i++) {
      String key = Keys.generate();
      VirtualKey.Builder b = new VirtualKey.Builder();
      b.token = Keys.hash(key);
      b.keyName = Keys.displayName(key);
      b.createdAt = now;
      b.updatedAt = now;
      store.insert(b.build());
      plaintext.add(key);
    }
    for (String key : plaintext) {
      if (cache.get(Keys.hash(key)).get().isEmpty()) {
        throw new IllegalStateException("key not found after insert");
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Optional<VirtualKey> lookupCached() {
    String key = plaintext.get(next++ % KEYS);
    return cache.get(Keys.hash(key)).getNow(Optional.empty());
  }

  @Benchmark
  public String hashOnly() {
    return Keys.hash(plaintext.get(next++ % KEYS));
  }
}
