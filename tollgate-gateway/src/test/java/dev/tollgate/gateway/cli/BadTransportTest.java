package dev.tollgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.NetworkTransport;
import dev.tollgate.gateway.support.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A transport name the gateway does not know stops the start with the names it does know, before anything opens. */
class BadTransportTest {
  @TempDir
  Path state;

  @Test
  void anUnknownTransportIsAConfigErrorNotAListenFailure() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setProperty(NetworkTransport.PROPERTY, "kqueue");
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = new CommandLine(new TollgateCommand()).execute(
          "--config", RunningGateway.resource("/prices/prices-config.yaml").toString(),
          "--state_dir", state.toString(), "--port", "1");
    } finally {
      System.setErr(old);
      System.clearProperty(NetworkTransport.PROPERTY);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(said).contains("tollgate.transport").contains("'kqueue'").contains("io_uring, epoll or nio")
        .doesNotContain("cannot listen");
    assertThat(state.resolve("tollgate.db")).doesNotExist(); // refused before the database was opened
  }
}
