package dev.tollgate.providers.cohere;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.translate.Urls;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a POST to one Cohere endpoint: URL from the api_base, {@code Authorization: Bearer <key>}, extra headers. */
final class CohereEndpoint {
  static final String CHAT = "/v2/chat";
  static final String EMBED = "/v2/embed";

  private CohereEndpoint() {}

  static HttpCall post(String path, byte[] body, CallTarget target, boolean stream) {
    if (target.apiBase() == null || target.apiBase().isBlank()) {
      throw new BadRequestException("cohere needs an api_base", CohereProvider.NAME, target.model());
    }
    if (target.apiKey() == null || target.apiKey().isBlank()) {
      throw new AuthenticationException(
          "No API key for cohere: set api_key on the deployment or the "
              + CohereProvider.DEFAULTS.keyVariables() + " variable",
          CohereProvider.NAME,
          target.model());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Bearer " + target.apiKey());
    headers.put("accept", stream ? "text/event-stream" : "application/json");
    headers.putAll(target.headers());
    return HttpCall.postJson(Urls.join(target.apiBase(), path), headers, body, target.timeout());
  }
}
