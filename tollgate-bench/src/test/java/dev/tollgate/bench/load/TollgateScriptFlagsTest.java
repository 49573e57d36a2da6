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

  @Test
  void readsTheEnvironmentDefaultsTheScriptExports() {
    assertThat(TollgateScriptFlags.exports("export A=\"${A:-2}\"\nexport B=\"${C:-3}\"\n  export D=\"${D:-4}\"\n"))
        .containsOnlyKeys("A");
    assertThat(TollgateScriptFlags.environment(Path.of("../tollgate"))).containsKey("MALLOC_ARENA_MAX");
  }
}
