package dev.tollgate.providers.translate;

/** Joins an {@code api_base} and an endpoint path, tolerating bases given with or without the path already on them. */
public final class Urls {
  private Urls() {}

  /**
   * {@code base + path}, without a doubled slash; when the base already ends with the path (a full endpoint URL given
   * as api_base) it is used as is, and when it ends with a leading part of the path ({@code .../v2} for {@code /v2/chat})
   * only the rest is added.
   */
  public static String join(String base, String path) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (b.endsWith(path)) {
      return b;
    }
    int cut = path.indexOf('/', 1);
    while (cut > 0) {
      if (b.endsWith(path.substring(0, cut))) {
        return b + path.substring(cut);
      }
      cut = path.indexOf('/', cut + 1);
    }
    return b + path;
  }
}
