package dev.tollgate.bench.load;

import static dev.tollgate.bench.load.GcLogTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogPhasesTest {
  private static Instant at(String time) {
    return Instant.parse("2026-11-26T" + time + "Z");
  }

  /** The master-key gateway's phases over the real ParallelGC log (see GcLogTest for what is in it). */
  private static GcLogPhases masterKeyPhases() throws Exception {
    GcLogPhases gc = new GcLogPhases(100);
    gc.log(Checks.TOLLGATE, fixture("gc-parallel.txt"));
    gc.phase(Checks.TOLLGATE, "@1000/s", at("16:59:51.281"), at("16:59:51.330"));
    // GC(45), a young pause of 30.594 ms, only: GC(44) ended before, GC(46) began after
    gc.phase(Checks.TOLLGATE, "max throughput", at("16:59:51.690"), at("16:59:51.703"));
    gc.phase(Checks.TOLLGATE, "streaming", at("16:59:52.440"), at("16:59:52.470"));
    return gc;
  }

  @Test
  void oneLinePerPhaseWithYoungPausesTotalMaxAndFull() throws Exception {
    GcLogPhases.Report r = masterKeyPhases().report();
    assertThat(r.lines()).containsExactly(
        "tollgate (master key) @1000/s: 10 young pauses, 36.7 ms in all, max 5.3 ms; 0 full",
        "tollgate (master key) max throughput: 1 young pause, 30.6 ms in all, max 30.6 ms; 0 full",
        "tollgate (master key) streaming: 0 young pauses, 14.9 ms in all, max 14.9 ms; 1 full");
  }

  @Test
  void warnsOfAPauseOver20MsAndOfAnyFullPauseNamingThePhase() throws Exception {
    GcLogPhases.Report r = masterKeyPhases().report();
    assertThat(r.warnings()).containsExactly(
        "tollgate (master key) max throughput: the gateway paused 30.6 ms for GC (Pause Young (Allocation Failure), "
            + "ended 16:59:51.702 UTC); its latencies in this phase include it",
        "tollgate (master key) streaming: the gateway paused 14.9 ms for GC (Pause Full (System.gc()), ended "
            + "16:59:52.463 UTC), 1 full pause; its latencies in this phase include it");
  }

  @Test
  void phasesOfTargetsWithoutAGcLogAreNotRecorded() throws Exception {
    GcLogPhases gc = masterKeyPhases();
    gc.phase(ResultTable.DIRECT, "@1000/s", at("16:59:51.000"), at("16:59:53.000"));
    assertThat(gc.report().lines()).hasSize(3).noneMatch(l -> l.startsWith("direct"));
  }

  @Test
  void aMissingLogIsALineNotAFailure(@TempDir Path dir) throws Exception {
    GcLogPhases gc = masterKeyPhases();
    String flag = gc.flag(Checks.TOLLGATE_FULL, dir); // the JVM never started: no gc.log
    gc.phase(Checks.TOLLGATE_FULL, "@1000/s", at("16:59:51.281"), at("16:59:51.330"));
    GcLogPhases.Report r = gc.report();
    assertThat(flag).isEqualTo(GcLog.flag(dir.resolve("gc.log")));
    assertThat(r.lines()).hasSize(4);
    assertThat(r.lines().get(3)).startsWith("tollgate (full path): GC log not readable (" + dir.resolve("gc.log"))
        .contains("NoSuchFileException");
    assertThat(r.warnings()).hasSize(2);
  }

  @Test
  void aLogWithoutWallClockTimeAndATargetWithoutPhasesSaySo() throws Exception {
    GcLogPhases gc = new GcLogPhases(100);
    gc.log(Checks.TOLLGATE, fixture("gc-uptime-only.txt"));
    gc.phase(Checks.TOLLGATE, "@1000/s", at("16:59:51.281"), at("16:59:51.330"));
    gc.log(Checks.TOLLGATE_FULL, fixture("gc-parallel.txt"));
    assertThat(gc.report().lines()).containsExactly(
        "tollgate (master key): GC log " + fixture("gc-uptime-only.txt")
            + " has no line with a wall-clock time; pauses cannot be placed",
        "tollgate (full path): no measured phase");
  }

  @Test
  void markdownSectionListsThePhasesThenTheLegend() throws Exception {
    String md = masterKeyPhases().report().markdown();
    assertThat(md.lines().toList()).containsExactly(
        "## " + GcLogPhases.TITLE,
        "",
        "- tollgate (master key) @1000/s: 10 young pauses, 36.7 ms in all, max 5.3 ms; 0 full",
        "- tollgate (master key) max throughput: 1 young pause, 30.6 ms in all, max 30.6 ms; 0 full",
        "- tollgate (master key) streaming: 0 young pauses, 14.9 ms in all, max 14.9 ms; 1 full",
        "",
        GcLogPhases.LEGEND,
        ""); // a blank line before the next section
    assertThat(masterKeyPhases().report().plain()).startsWith("\n== " + GcLogPhases.TITLE + " ==\n"
        + "tollgate (master key) @1000/s: ").endsWith(GcLogPhases.LEGEND + "\n");
  }

  @Test
  void noGatewayNoSection() {
    GcLogPhases.Report r = new GcLogPhases(100).report();
    assertThat(r.lines()).isEmpty();
    assertThat(r.markdown()).isEmpty();
    assertThat(r.plain()).isEmpty();
  }
}
