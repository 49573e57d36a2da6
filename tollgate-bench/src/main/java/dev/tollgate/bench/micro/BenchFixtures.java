package dev.tollgate.bench.micro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Loads the benchmark inputs from {@code src/main/resources/bench-fixtures/} (they ship inside the benchmark jar). */
final class BenchFixtures {
  static final String DIR = "/bench-fixtures/";

  private BenchFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = BenchFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing benchmark fixture " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark fixture " + DIR + name, e);
    }
  }

  static Properties properties(String name) {
    try (InputStream in = BenchFixtures.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing benchmark fixture " + DIR + name);
      }
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark fixture " + DIR + name, e);
    }
  }
}
