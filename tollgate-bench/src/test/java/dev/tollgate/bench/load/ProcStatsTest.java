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
