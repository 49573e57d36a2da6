package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The back-channel half of a login: trades the code at the token endpoint, checks the id_token if one came, and reads
 * the userinfo endpoint with the access token. The user's claims are the id_token's overlaid with userinfo's (which
 * win), as one JSON object.
 */
final class OidcExchange {
  private final OidcHttp http;

  OidcExchange(OidcHttp http) {
    this.http = http;
  }

  Future<ObjectNode> claims(SsoProvider provider, LoginFlow flow, String code) {
    return http.send(HttpMethod.POST, provider.tokenEndpoint(), TokenEndpoint.headers(provider),
            TokenEndpoint.form(provider, flow, code), "token endpoint")
        .map(TokenEndpoint::parse)
        .compose(tokens -> {
          ObjectNode claims = tokens.idToken() == null ? Json.object() : IdToken.claims(tokens.idToken(),
              provider.clientId(), provider.openId() ? flow.nonce() : null, System.currentTimeMillis());
          Map<String, String> headers = new LinkedHashMap<>(provider.extraHeaders());
          headers.put("Authorization", "Bearer " + tokens.accessToken());
          headers.put("Accept", "application/json");
          return http.send(HttpMethod.GET, provider.userinfoEndpoint(), headers, null, "userinfo endpoint")
              .map(reply -> {
                claims.setAll(userinfo(reply));
                return claims;
              });
        });
  }

  static ObjectNode userinfo(OidcHttp.Reply reply) {
    if (!reply.ok()) {
      throw SsoFailure.provider("The userinfo endpoint refused the access token (HTTP " + reply.status() + ").");
    }
    JsonNode json = TokenEndpoint.json(reply.body());
    if (json == null || !json.isObject()) {
      throw SsoFailure.provider("The userinfo endpoint's answer is not a JSON object (content type '"
          + reply.contentType() + "'); signed or encrypted userinfo answers are not supported.");
    }
    return (ObjectNode) json;
  }
}
