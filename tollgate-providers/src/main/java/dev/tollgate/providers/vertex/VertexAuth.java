package dev.tollgate.providers.vertex;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.spi.CallTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/** Vertex AI authenticates every call with {@code Authorization: Bearer <OAuth2 access token>}. */
final class VertexAuth {
  private VertexAuth() {}

  static Map<String, String> headers(CallTarget target) {
    if (target.apiKey() == null || target.apiKey().isBlank()) {
      throw new AuthenticationException("No access token for vertex_ai: the transport must fetch one from the "
          + "deployment's vertex_credentials (or GOOGLE_APPLICATION_CREDENTIALS) before the call, or set api_key to "
          + "an access token", target.provider(), target.model());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer " + target.apiKey());
    headers.putAll(target.headers());
    return headers;
  }
}
