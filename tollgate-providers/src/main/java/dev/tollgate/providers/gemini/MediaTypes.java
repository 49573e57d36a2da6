package dev.tollgate.providers.gemini;

import java.util.Locale;
import java.util.Map;

/**
 * Guesses a media type from a URL's file extension. Gemini's {@code fileData} needs a {@code mimeType} and OpenAI's
 * {@code image_url} carries none, so the extension is the only hint a sans-I/O adapter has.
 */
final class MediaTypes {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("heic", "image/heic"),
      Map.entry("heif", "image/heif"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("txt", "text/plain"),
      Map.entry("html", "text/html"),
      Map.entry("csv", "text/csv"),
      Map.entry("mp3", "audio/mp3"),
      Map.entry("wav", "audio/wav"),
      Map.entry("flac", "audio/flac"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("aac", "audio/aac"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("mov", "video/mov"),
      Map.entry("mpeg", "video/mpeg"),
      Map.entry("webm", "video/webm"));

  private MediaTypes() {}

  /** The media type for the URL's extension (query and fragment ignored), or null when it has none we know. */
  static String fromUrl(String url) {
    String path = url;
    int cut = indexOfAny(path, '?', '#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < slash) {
      return null;
    }
    return BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The media type of an input_audio format ({@code wav}, {@code mp3}). */
  static String audio(String format) {
    String known = BY_EXTENSION.get(format.toLowerCase(Locale.ROOT));
    return known != null && known.startsWith("audio/") ? known : "audio/" + format.toLowerCase(Locale.ROOT);
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
