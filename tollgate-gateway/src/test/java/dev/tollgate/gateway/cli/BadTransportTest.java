package dev.tollgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.NetworkTransport;
import dev.tollgate.gateway.support.CliRun;
import dev.tollgate.gateway.support.RunningGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transport name the gateway does not know stops the start with the names it does know, before anything opens. */
class BadTransportTest {
  @TempDir
  Path state;

  @Test
  void anUnknownTransportIsAConfigErrorNotAListenFailure() throws Exception {
    CliRun run;
    try {
      System.setProperty(NetworkTransport.PROPERTY, "kqueue");
      run = CliRun.of("--config", RunningGateway.resource("/prices/prices-config.yaml").toString(),
          "--state_dir", state.toString(), "--port", "1");
    } finally {
      System.clearProperty(NetworkTransport.PROPERTY);
    }
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("tollgate.transport").contains("'kqueue'").contains("io_uring, epoll or nio")
        .doesNotContain("cannot listen");
    assertThat(state.resolve("tollgate.db")).doesNotExist(); // refused before the database was opened
  }
}
