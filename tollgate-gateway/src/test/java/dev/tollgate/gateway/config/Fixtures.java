package dev.tollgate.gateway.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources as file paths (the loader works on files, includes are resolved next to them). */
final class Fixtures {
  private Fixtures() {}

  static Path path(String resource) {
    URL url = Fixtures.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + resource);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
