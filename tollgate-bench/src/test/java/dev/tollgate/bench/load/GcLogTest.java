package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.bench.load.GcLog.Kind;
import dev.tollgate.bench.load.GcLog.Pause;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  /** Real logs of JDK 25, ParallelGC, -Xmx64m -Xmn16m, a program that keeps ~40 MB alive while allocating. */
  static Path fixture(String name) throws URISyntaxException {
    return Path.of(GcLogTest.class.getResource("/load/" + name).toURI());
  }

  private static Instant at(String time) {
    return Instant.parse("2026-11-26T" + time + "Z");
  }

  @Test
  void readsEveryPauseOfARealParallelGcLog() throws Exception {
    GcLog log = GcLog.read(fixture("gc-parallel.txt"));
    List<Pause> pauses = log.pauses();
    assertThat(pauses).hasSize(121);
    assertThat(pauses).filteredOn(p -> p.kind() == Kind.FULL).hasSize(23);
    assertThat(pauses.get(0)).isEqualTo(new Pause(at("16:59:51.281"), Kind.YOUNG,
        "Pause Young (Allocation Failure)", 4.183));
    assertThat(pauses.get(14)).isEqualTo(new Pause(at("16:59:51.418"), Kind.FULL, "Pause Full (Allocation Failure)",
        16.506));
    // the cause holds parentheses of its own
    assertThat(pauses.get(120)).isEqualTo(new Pause(at("16:59:52.463"), Kind.FULL, "Pause Full (System.gc())",
        14.937));
    // "Using Parallel" has a time but is no pause
    assertThat(log.stampedLines()).isEqualTo(122);
  }

  @Test
  void ignoresEveryOtherLineOfAFullGcStarLogAndACutLastLine() throws Exception {
    // -Xlog:gc*: gc,start lines name the pause without a duration; phases have durations but are no pauses; the last
    // line (GC(15)'s pause) is cut in the middle, as when the process is killed while writing it.
    GcLog log = GcLog.read(fixture("gc-all-tags.txt"));
    assertThat(log.pauses()).hasSize(15);
    assertThat(log.pauses()).extracting(Pause::kind).containsOnlyOnce(Kind.FULL);
    assertThat(log.pauses().get(14)).isEqualTo(new Pause(at("17:00:17.542"), Kind.FULL,
        "Pause Full (Allocation Failure)", 20.173));
  }

  @Test
  void linesWithoutWallClockTimeAreNotPauses() throws Exception {
    GcLog log = GcLog.read(fixture("gc-uptime-only.txt"));
    assertThat(log.pauses()).isEmpty();
    assertThat(log.stampedLines()).isZero();
  }

  @Test
  void summarizesTheFirstTenYoungPauses() throws Exception {
    GcLog.Summary s = GcLog.read(fixture("gc-parallel.txt")).within(at("16:59:51.281"), at("16:59:51.330"));
    assertThat(s.young()).isEqualTo(10);
    assertThat(s.full()).isZero();
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.totalMillis()).isCloseTo(36.687, within(1e-9));
    assertThat(s.maxMillis()).isEqualTo(5.348);
    assertThat(s.longest().end()).isEqualTo(at("16:59:51.290"));
  }

  @Test
  void aPauseThatEndsAfterTheWindowButBeganInItCounts() throws Exception {
    // GC(14) ended at .418 after 16.506 ms, so it began at .4015; GC(13) ended at .400, before the window
    GcLog.Summary s = GcLog.read(fixture("gc-parallel.txt")).within(at("16:59:51.405"), at("16:59:51.410"));
    assertThat(s.full()).isEqualTo(1);
    assertThat(s.young()).isZero();
    assertThat(s.longest().what()).isEqualTo("Pause Full (Allocation Failure)");
  }

  @Test
  void aWindowBetweenPausesHasNone() throws Exception {
    // GC(9) ended at .330; GC(10) ended at .388 after 3.924 ms, so began after .384
    GcLog.Summary s = GcLog.read(fixture("gc-parallel.txt")).within(at("16:59:51.331"), at("16:59:51.380"));
    assertThat(s.count()).isZero();
    assertThat(s.totalMillis()).isZero();
    assertThat(s.maxMillis()).isZero();
    assertThat(s.longest()).isNull();
  }

  @Test
  void theWholeRunSumsEveryPause() throws Exception {
    GcLog.Summary s = GcLog.read(fixture("gc-parallel.txt")).within(at("16:59:51.000"), at("16:59:53.000"));
    assertThat(s.young()).isEqualTo(98);
    assertThat(s.full()).isEqualTo(23);
    assertThat(s.totalMillis()).isCloseTo(645.521, within(1e-9));
    assertThat(s.maxMillis()).isEqualTo(64.522);
  }

  @Test
  void flagWritesGcLinesWithWallClockTimeToOneFile() {
    assertThat(GcLog.flag(Path.of("/tmp/tollgate-load-1/tollgate/gc.log")))
        .isEqualTo("-Xlog:gc:file=/tmp/tollgate-load-1/tollgate/gc.log:time,uptime,level,tags:filecount=0");
    assertThatThrownBy(() -> GcLog.flag(Path.of("/tmp/a:b/gc.log"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRunningJvmAcceptsTheFlagAndWritesALogThisClassReads(@TempDir Path dir) throws IOException,
      InterruptedException {
    Path file = dir.resolve("gc.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-XX:+UseParallelGC", "-Xmx64m", GcLog.flag(file), "-version")
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    // at least the "Using Parallel" line, decorated with the wall-clock time
    assertThat(GcLog.read(file).stampedLines()).isPositive();
  }
}
