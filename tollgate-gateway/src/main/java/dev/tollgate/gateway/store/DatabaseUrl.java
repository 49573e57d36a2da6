package dev.tollgate.gateway.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A database location as the user writes it, turned into what JDBC needs. Accepted forms:
 * <ul>
 *   <li>LiteLLM's {@code postgresql://user:pass@host:port/db?sslmode=require} (also {@code postgres://}); user and
 *       password are taken out of the URL and passed separately (percent-escapes decoded);</li>
 *   <li>{@code jdbc:postgresql://...} and {@code jdbc:sqlite:...}, used as they are;</li>
 *   <li>{@code sqlite:/path/to/file.db} or {@code sqlite:relative.db}, and a bare file path ending in {@code .db}.</li>
 * </ul>
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user null when the URL carries none
 * @param password null when the URL carries none
 * @param display safe to print: no password ({@code sqlite:/abs/path.db} or {@code postgresql://host:port/db})
 */
public record DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password, String display) {

  /** Parses {@code url}; throws {@link IllegalArgumentException} with a message naming the accepted forms. */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the database URL is empty");
    }
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return postgres(u);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(Dialect.POSTGRESQL, u, null, null, withoutQuery(u.substring("jdbc:".length())));
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      return sqlite(Path.of(u.substring("jdbc:sqlite:".length())));
    }
    if (lower.startsWith("sqlite:")) {
      String path = u.substring("sqlite:".length());
      return sqlite(Path.of(path.startsWith("///") ? path.substring(2) : path));
    }
    if (lower.endsWith(".db") || lower.endsWith(".sqlite")) {
      return sqlite(Path.of(u));
    }
    throw new IllegalArgumentException("unsupported database URL '" + redact(u) + "': use postgresql://user:pass@host:"
        + "port/db, jdbc:postgresql://..., or sqlite:/path/to/file.db");
  }

  /** A SQLite database in {@code file} (created with its directory when missing). */
  public static DatabaseUrl sqlite(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + abs, null, null, "sqlite:" + abs);
  }

  private static DatabaseUrl postgres(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the database URL is not a valid URL: " + redact(url));
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the database URL has no host: " + redact(url));
    }
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new DatabaseUrl(Dialect.POSTGRESQL, "jdbc:postgresql://" + hostPort + path + query, user, password,
        "postgresql://" + hostPort + path);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String withoutQuery(String s) {
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }

  /** The URL with any password replaced by {@code ***}. */
  static String redact(String url) {
    return url.replaceAll("://([^:/@]*):[^@/]*@", "://$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return display;
  }
}
