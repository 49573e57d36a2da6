package dev.tollgate.providers.gemini;

import dev.tollgate.providers.spi.CallTarget;
import java.util.Map;

/**
 * Where a Gemini-format call goes and how it authenticates: AI Studio (API key header) and Vertex AI (project and
 * location in the path, OAuth2 bearer token) send the same bodies to different URLs.
 */
public interface GeminiEndpoint {
  /**
   * The URL of a model method, e.g. {@code generateContent}, {@code streamGenerateContent} (the endpoint adds
   * {@code alt=sse}) or {@code batchEmbedContents}.
   */
  String url(CallTarget target, String method);

  /** The headers that authenticate the call (plus the target's own extra headers). */
  Map<String, String> headers(CallTarget target);
}
