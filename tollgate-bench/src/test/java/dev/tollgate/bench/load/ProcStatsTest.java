package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = ProcStatsTest.class.getResourceAsStream("/load/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void cpuTicksAreUtimePlusStimeEvenWithParenthesesInTheName() throws IOException {
    assertThat(ProcStats.cpuTicks(fixture("stat.txt"))).isEqualTo(250 + 75);
  }

  @Test
  void childCpuTicksAreCutimePlusCstime() {
    String sh = "4242 (sh) S 1 4242 4242 0 -1 4194304 100 2000 0 0 1 2 2950 310 20 0 1 0 99 2457600 200 "
        + "18446744073709551615 1 1 0 0 0 0 0 0 65538 0 0 0 17 0 0 0 0 0 0";
    assertThat(ProcStats.childCpuTicks(sh)).isEqualTo(2950 + 310);
    assertThat(ProcStats.cpuTicks(sh)).isEqualTo(1 + 2);
  }

  @Test
  void hostTicksAreBusyAndTotalOfTheCpuLine() throws IOException {
    // user nice system idle iowait irq softirq steal guest guest_nice: busy = 1000+20+300+5+40+7 = 1372, total adds
    // idle 8000 and iowait 100 (guest time is already in user)
    long[] ticks = ProcStats.hostTicks(fixture("proc-stat.txt"));
    assertThat(ticks).containsExactly(1372, 9472);
  }

  @Test
  void readsThisHost() {
    long[] ticks = ProcStats.hostTicks();
    assertThat(ticks[1]).isGreaterThan(0);
    assertThat(ticks[0]).isBetween(0L, ticks[1]);
  }

  @Test
  void statusFieldsInKb() throws IOException {
    String status = fixture("status.txt");
    assertThat(ProcStats.statusKb(status, "VmHWM")).hasValue(313_492);
    assertThat(ProcStats.statusKb(status, "VmRSS")).hasValue(298_000);
    assertThat(ProcStats.statusKb(status, "VmSwap")).isEmpty();
  }

  @Test
  void readsThisProcess() {
    long pid = ProcessHandle.current().pid();
    assertThat(ProcStats.statusKbOfTree(pid, "VmRSS")).isPositive();
    assertThat(ProcStats.cpuTicksOfTree(pid)).isNotNegative();
    assertThat(ProcStats.cpuTicksOf(pid)).isPositive().isLessThanOrEqualTo(ProcStats.cpuTicksOfTree(pid));
  }
}
