package dev.tollgate.gateway.support;

import dev.tollgate.gateway.cli.TollgateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the {@code tollgate} command in this JVM with the given arguments and keeps what it printed to stderr; for
 * tests of a start that must be refused (it returns before it listens).
 *
 * @param exitCode what the command returned
 * @param stderr what it printed to stderr
 */
public record CliRun(int exitCode, String stderr) {
  public static CliRun of(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = new CommandLine(new TollgateCommand()).execute(args);
    } finally {
      System.setErr(old);
    }
    return new CliRun(code, err.toString(StandardCharsets.UTF_8));
  }
}
