package dev.tollgate.providers.vertex;

import dev.tollgate.providers.gemini.GeminiEndpoint;
import dev.tollgate.providers.spi.CallTarget;
import java.util.Map;

/** Gemini models on Vertex AI: the publisher {@code google} path, with a bearer token. */
final class VertexGeminiEndpoint implements GeminiEndpoint {
  @Override
  public String url(CallTarget target, String method) {
    String url = VertexLocation.url(target, "google", method);
    return method.startsWith("stream") ? url + "?alt=sse" : url;
  }

  @Override
  public Map<String, String> headers(CallTarget target) {
    return VertexAuth.headers(target);
  }
}
