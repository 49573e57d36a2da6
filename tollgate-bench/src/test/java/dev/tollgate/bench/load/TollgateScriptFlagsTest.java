package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TollgateScriptFlagsTest {
  @Test
  void readsTheDefaultFlagsOfTheRealScript() {
    assertThat(TollgateScriptFlags.read(Path.of("../tollgate")))
        .contains("-XX:+UseParallelGC")
        .anyMatch(f -> f.startsWith("-Xmx"))
        .allMatch(f -> !f.startsWith("-XX:SharedArchiveFile=") || Path.of(f.substring("-XX:SharedArchiveFile=".length())).isAbsolute());
  }
}
