package dev.tollgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads test fixtures from {@code src/test/resources/fixtures} and compares JSON trees. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  public static JsonNode tree(String path) {
    return Json.tree(bytes(path));
  }

  /** The non-blank lines of a {@code .jsonl} fixture, each parsed. */
  public static List<JsonNode> jsonLines(String path) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : text(path).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.tree(line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Names of the sub-folders (cases) of a fixture folder, sorted. */
  public static List<String> cases(String dir) {
    return list(dir, Files::isDirectory).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Base names of the files in a fixture folder with the given suffix, sorted. */
  public static List<String> files(String dir, String suffix) {
    return list(dir, p -> p.getFileName().toString().endsWith(suffix)).stream()
        .map(p -> p.getFileName().toString())
        .map(n -> n.substring(0, n.length() - suffix.length()))
        .toList();
  }

  private static List<Path> list(String dir, java.util.function.Predicate<Path> keep) {
    URL url = Fixtures.class.getResource("/fixtures/" + dir);
    if (url == null) {
      throw new IllegalArgumentException("no fixture folder " + dir);
    }
    try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
      return s.filter(keep).sorted().toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * JSON trees equal: same fields (absent stays absent, explicit null stays null), same order in arrays, numbers equal by
   * value (JSON does not tell 1 from 1.0).
   */
  public static void assertJsonEquals(JsonNode actual, JsonNode expected) {
    assertThat(actual.equals(NUMERIC_VALUE, expected))
        .as("JSON differs%n actual:   %s%n expected: %s", actual, expected)
        .isTrue();
  }

  /** Parses the bytes Jackson writes for a value, so the comparison sees the wire form. */
  public static JsonNode wire(Object value) {
    return Json.tree(Json.write(value));
  }

  private static final Comparator<JsonNode> NUMERIC_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
    }
    return a.equals(b) ? 0 : 1;
  };
}
