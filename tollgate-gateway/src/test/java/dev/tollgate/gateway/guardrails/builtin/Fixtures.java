package dev.tollgate.gateway.guardrails.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the guardrail fixture files: one case per line, {@code #} comments, {@code \n} for a line break. */
final class Fixtures {
  private Fixtures() {}

  static List<String> lines(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/guardrails/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.replace("\\n", "\n"));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tab-separated rows. */
  static List<String[]> rows(String name) {
    return lines(name).stream().map(l -> l.split("\t")).toList();
  }
}
