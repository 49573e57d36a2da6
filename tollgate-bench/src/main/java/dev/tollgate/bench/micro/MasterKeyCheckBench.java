package dev.tollgate.bench.micro;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A <b>baseline</b> for auth, not a key-cache benchmark: virtual keys and their cache do not exist yet. This measures
 * the per-request auth work Tollgate does today plus the one step virtual-key lookup is certain to add, so the future
 * key-cache benchmark has something to compare with.
 *
 * <ul>
 *   <li>{@code masterKeyCheck}: what {@code MasterKeyAuth.handle} does once it has the header value: strip
 *       {@code Bearer }, encode the presented key as UTF-8, and compare it with the master key in constant time
 *       ({@code MessageDigest.isEqual}). Header lookup in Vert.x is not included.
 *   <li>{@code sha256Key}: SHA-256 of a 51-character {@code sk-} key (a fresh {@code MessageDigest} per call, as a
 *       handler on any event loop would need), the hash a virtual-key lookup will key on.
 *   <li>{@code sha256KeyHex}: the same digest as lower-case hex, the form LiteLLM stores ({@code hash_token}).
 *   <li>{@code masterKeyCheckPlusSha256}: both, the baseline per-request cost before any cache lookup.
 * </ul>
 *
 * Keys come from {@code bench-fixtures/auth-keys.properties} (not real credentials).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MasterKeyCheckBench {
  byte[] masterKey;
  String authorizationHeader;
  String presentedKey;

  @Setup(Level.Trial)
  public void setup() {
    Properties p = BenchFixtures.properties("auth-keys.properties");
    masterKey = p.getProperty("master_key").getBytes(StandardCharsets.UTF_8);
    presentedKey = p.getProperty("presented_key");
    if (presentedKey.length() != 51 || !presentedKey.startsWith("sk-")) {
      throw new IllegalStateException("presented_key must be a 51-character sk- key");
    }
    authorizationHeader = "Bearer " + presentedKey;
  }

  @Benchmark
  public boolean masterKeyCheck() {
    String v = authorizationHeader.trim();
    String key = v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
    return MessageDigest.isEqual(masterKey, key.getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public byte[] sha256Key() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public String sha256KeyHex() throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8)));
  }

  @Benchmark
  public void masterKeyCheckPlusSha256(Blackhole bh) throws NoSuchAlgorithmException {
    bh.consume(masterKeyCheck());
    bh.consume(sha256Key());
  }
}
