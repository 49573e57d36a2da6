package dev.tollgate.gateway.ui;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the dashboard's files on the classpath: the {@code tollgate-ui} jar's {@code META-INF/tollgate-ui/} (our own
 * HTML, CSS and JS modules) and, under {@code vendor/}, WebJars' {@code META-INF/resources/webjars/}. Found files are
 * cached in memory, so a file is read from the classpath at most once per process; callers must call
 * {@link #load} off the event loop (it may read a jar).
 *
 * <p>Our own files change with every release under the same name, so they are sent with {@code no-cache} and
 * revalidated by ETag; WebJar paths carry the library's version, so they are immutable for a year.
 */
public final class UiAssets {
  static final String OWN_ROOT = "META-INF/tollgate-ui/";
  static final String WEBJARS_ROOT = "META-INF/resources/webjars/";
  static final String VENDOR_PREFIX = "vendor/";
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json",
      "map", "application/json");

  private final ClassLoader loader;
  private final Map<String, UiAsset> cache = new ConcurrentHashMap<>();

  public UiAssets() {
    this(UiAssets.class.getClassLoader());
  }

  UiAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** The asset already in memory for {@code path} (relative to {@code /ui/}), if it was loaded before. */
  Optional<UiAsset> cached(String path) {
    return Optional.ofNullable(cache.get(path));
  }

  /**
   * The asset for {@code path} (relative to {@code /ui/}, e.g. {@code app.js} or
   * {@code vendor/uplot/1.6.30/dist/uPlot.iife.min.js}); empty for unknown, unsafe or untyped paths. Blocking.
   */
  Optional<UiAsset> load(String path) {
    UiAsset hit = cache.get(path);
    if (hit != null) {
      return Optional.of(hit);
    }
    if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
      return Optional.empty();
    }
    String type = TYPES.get(extension(path));
    if (type == null) {
      return Optional.empty();
    }
    boolean vendor = path.startsWith(VENDOR_PREFIX);
    String resource = vendor ? WEBJARS_ROOT + path.substring(VENDOR_PREFIX.length()) : OWN_ROOT + path;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String cacheControl = vendor ? "public, max-age=31536000, immutable" : "no-cache";
      UiAsset asset = new UiAsset(Buffer.buffer(bytes), type, etag(bytes), cacheControl);
      cache.putIfAbsent(path, asset);
      return Optional.of(asset);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
