package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token request of the authorization-code grant (RFC 6749 4.1.3, with PKCE's {@code code_verifier}) and its
 * answer (5.1 / 5.2). The client authenticates with HTTP Basic, as LiteLLM's client does; {@code client_id} is also
 * put in the form when {@code GENERIC_INCLUDE_CLIENT_ID} asks for it.
 */
final class TokenEndpoint {
  private TokenEndpoint() {}

  /** What the token endpoint granted: the access token for userinfo, and the id_token when there is one. */
  record Tokens(String accessToken, String idToken) {}

  static Buffer form(SsoProvider provider, LoginFlow flow, String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", flow.redirectUri());
    if (flow.verifier() != null) {
      form.put("code_verifier", flow.verifier());
    }
    if (provider.clientIdInBody()) {
      form.put("client_id", provider.clientId());
    }
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(AuthorizationRedirect.encode(k)).append('=')
        .append(AuthorizationRedirect.encode(v)));
    return Buffer.buffer(body.toString());
  }

  static Map<String, String> headers(SsoProvider provider) {
    Map<String, String> headers = new LinkedHashMap<>(provider.extraHeaders());
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    String credentials = provider.clientId() + ":" + provider.clientSecret();
    headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }

  /** The tokens of a successful answer; an error answer or a malformed one is an {@link SsoFailure}. */
  static Tokens parse(OidcHttp.Reply reply) {
    JsonNode json = json(reply.body());
    if (!reply.ok()) {
      String error = json == null ? null : text(json, "error");
      String description = json == null ? null : text(json, "error_description");
      throw SsoFailure.provider("The token endpoint refused the sign-in (HTTP " + reply.status()
          + (error == null ? "" : ", " + error) + (description == null ? "" : ": " + description) + ").");
    }
    if (json == null || !json.isObject()) {
      throw SsoFailure.provider("The token endpoint's answer is not a JSON object (content type '"
          + reply.contentType() + "').");
    }
    String access = text(json, "access_token");
    if (access == null) {
      throw SsoFailure.provider("The token endpoint's answer has no access_token.");
    }
    String type = text(json, "token_type");
    if (type != null && !type.equalsIgnoreCase("bearer")) {
      throw SsoFailure.provider("The token endpoint issued a '" + type + "' token; only Bearer tokens are supported.");
    }
    return new Tokens(access, text(json, "id_token"));
  }

  static JsonNode json(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return Json.tree(body.getBytes());
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
  }
}
