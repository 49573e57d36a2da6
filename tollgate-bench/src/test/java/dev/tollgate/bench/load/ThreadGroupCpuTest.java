package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadGroupCpuTest {
  @Test
  void threadsFallIntoGroupsByTheirCommName() {
    assertThat(ThreadGroupCpu.group("vert.x-eventloo")).isEqualTo(ThreadGroupCpu.EVENT_LOOPS);
    assertThat(ThreadGroupCpu.group("C2 CompilerThre")).isEqualTo(ThreadGroupCpu.JIT);
    assertThat(ThreadGroupCpu.group("C1 CompilerThre")).isEqualTo(ThreadGroupCpu.JIT);
    assertThat(ThreadGroupCpu.group("GC Thread#1")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.group("VM Thread")).isEqualTo(ThreadGroupCpu.GC);
    assertThat(ThreadGroupCpu.group("tollgate-db-3")).isEqualTo(ThreadGroupCpu.DATABASE);
    assertThat(ThreadGroupCpu.group("tollgate-spend")).isEqualTo(ThreadGroupCpu.DATABASE);
    assertThat(ThreadGroupCpu.group("java")).isEqualTo(ThreadGroupCpu.OTHER);
    assertThat(ThreadGroupCpu.group("VM Periodic Tas")).isEqualTo(ThreadGroupCpu.OTHER);
  }

  @Test
  void readsTheThreadsOfThisJvm() {
    Map<String, Long> ticks = ThreadGroupCpu.read(ProcessHandle.current().pid());
    assertThat(ticks).containsOnlyKeys(ThreadGroupCpu.EVENT_LOOPS, ThreadGroupCpu.JIT, ThreadGroupCpu.GC,
        ThreadGroupCpu.DATABASE, ThreadGroupCpu.OTHER);
    assertThat(ticks.get(ThreadGroupCpu.OTHER)).isPositive(); // the test's own thread
  }

  @Test
  void aProcessThatIsGoneHasNoSnapshot() {
    assertThat(ThreadGroupCpu.read(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void secondsBetweenTwoSnapshotsPerGroupInReportOrder() {
    Map<String, Long> before = ticks(100, 50, 10, 0, 5);
    Map<String, Long> after = ticks(2510, 370, 100, 400, 35);
    Map<String, Double> s = ThreadGroupCpu.secondsBetween(before, after, 100);
    assertThat(s).containsExactly(Map.entry(ThreadGroupCpu.EVENT_LOOPS, 24.1), Map.entry(ThreadGroupCpu.JIT, 3.2),
        Map.entry(ThreadGroupCpu.GC, 0.9), Map.entry(ThreadGroupCpu.DATABASE, 4.0),
        Map.entry(ThreadGroupCpu.OTHER, 0.3));
    assertThat(ThreadGroupCpu.describe(s))
        .isEqualTo("CPU s: event loops 24.1, JIT 3.2, GC 0.9, database 4.0, other 0.3");
    assertThat(ThreadGroupCpu.secondsBetween(Map.of(), after, 100)).isEmpty();
    assertThat(ThreadGroupCpu.describe(Map.of())).isEmpty();
  }

  @Test
  void aPhaseLineEndsWithItsCpuWhenKnown() {
    Instant t = Instant.parse("2026-11-26T17:00:00Z");
    GcLogPhases.Phase p = new GcLogPhases.Phase("tollgate (master key)", "@1000/s", t, t.plusSeconds(30),
        ThreadGroupCpu.secondsBetween(ticks(0, 0, 0, 0, 0), ticks(2410, 320, 90, 400, 30), 100));
    GcLog.Summary none = GcLog.parse(List.of()).within(t, t.plusSeconds(30));
    assertThat(GcLogPhases.line(p, none)).isEqualTo("tollgate (master key) @1000/s: 0 young pauses, 0.0 ms in all, "
        + "max 0.0 ms; 0 full; CPU s: event loops 24.1, JIT 3.2, GC 0.9, database 4.0, other 0.3");
  }

  private static Map<String, Long> ticks(long loops, long jit, long gc, long db, long other) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(ThreadGroupCpu.EVENT_LOOPS, loops);
    m.put(ThreadGroupCpu.JIT, jit);
    m.put(ThreadGroupCpu.GC, gc);
    m.put(ThreadGroupCpu.DATABASE, db);
    m.put(ThreadGroupCpu.OTHER, other);
    return m;
  }
}
