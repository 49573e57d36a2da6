package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The endpoints of the {@link FakeOidcProvider}; see there for what each one checks and answers. */
final class OidcFakeEndpoints {
  static final String AUTHORIZE = "/authorize";
  static final String TOKEN = "/token";
  static final String USERINFO = "/userinfo";
  static final String DISCOVERY = "/.well-known/openid-configuration";
  static final long CODE_TTL_MILLIS = 60_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final OidcFakeState state;
  private final Supplier<String> issuer;

  OidcFakeEndpoints(OidcFakeState state, Supplier<String> issuer) {
    this.state = state;
    this.issuer = issuer;
  }

  void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.equals(AUTHORIZE) && request.method() == HttpMethod.GET) {
      authorize(request);
    } else if (path.equals(TOKEN) && request.method() == HttpMethod.POST) {
      request.body().onSuccess(body -> token(request, body.toString(StandardCharsets.UTF_8)));
    } else if (path.equals(USERINFO)) {
      userinfo(request);
    } else if (path.equals(DISCOVERY)) {
      json(request.response(), 200, discovery());
    } else {
      request.response().setStatusCode(404).end("not found");
    }
  }

  private void authorize(HttpServerRequest request) {
    Map<String, String> q = new LinkedHashMap<>();
    request.params().forEach(e -> q.put(e.getKey(), e.getValue()));
    synchronized (state.authorizations) {
      state.authorizations.add(q);
    }
    String redirect = q.get("redirect_uri");
    if (!state.clientId.equals(q.get("client_id"))) {
      request.response().setStatusCode(400).putHeader("content-type", "text/html").end("<p>invalid_client</p>");
      return;
    }
    if (redirect == null || (!state.redirectUris.isEmpty() && !state.redirectUris.contains(redirect))) {
      request.response().setStatusCode(400).putHeader("content-type", "text/html")
          .end("<p>invalid_request: redirect_uri is not registered</p>");
      return;
    }
    Map<String, String> back = new LinkedHashMap<>();
    String[] denial = state.denial;
    String method = q.get("code_challenge_method");
    if (denial != null) {
      back.put("error", denial[0]);
      if (denial[1] != null) {
        back.put("error_description", denial[1]);
      }
    } else if (!"code".equals(q.get("response_type"))) {
      back.put("error", "unsupported_response_type");
    } else if (q.containsKey("code_challenge") && !"S256".equals(method)) {
      back.put("error", "invalid_request");
      back.put("error_description", "code_challenge_method must be S256");
    } else {
      String code = random();
      state.codes.put(code, new OidcFakeState.Grant(state.clientId, redirect, q.getOrDefault("scope", ""),
          q.get("nonce"), q.get("code_challenge"), state.user, System.currentTimeMillis() + CODE_TTL_MILLIS));
      back.put("code", code);
    }
    if (q.containsKey("state")) {
      back.put("state", q.get("state"));
    }
    StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?');
    back.forEach((k, v) -> location.append(encode(k)).append('=').append(encode(v)).append('&'));
    location.setLength(location.length() - 1);
    request.response().setStatusCode(302).putHeader("location", location.toString()).end();
  }

  private void token(HttpServerRequest request, String body) {
    Map<String, String> form = form(body);
    String type = request.getHeader("content-type");
    String authorization = request.getHeader("authorization");
    synchronized (state.tokenRequests) {
      state.tokenRequests.add(new FakeOidcProvider.TokenRequest(type, authorization, Map.copyOf(form)));
    }
    HttpServerResponse response = request.response().putHeader("cache-control", "no-store")
        .putHeader("pragma", "no-cache");
    if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      error(response, 400, "invalid_request", "the token request must be application/x-www-form-urlencoded");
      return;
    }
    if (!clientAuthenticated(authorization, form)) {
      response.putHeader("www-authenticate", "Basic realm=\"fake-oidc\"");
      error(response, 401, "invalid_client", "client authentication failed");
      return;
    }
    Object[] failure = state.tokenFailure;
    if (failure != null) {
      error(response, (Integer) failure[0], (String) failure[1], (String) failure[2]);
      return;
    }
    if (!"authorization_code".equals(form.get("grant_type"))) {
      error(response, 400, "unsupported_grant_type", "only authorization_code is supported");
      return;
    }
    OidcFakeState.Grant grant = form.get("code") == null ? null : state.codes.remove(form.get("code"));
    String problem = grant == null ? "the code is unknown or was used already"
        : grant.expiresAtMillis() < System.currentTimeMillis() ? "the code has expired"
        : !grant.redirectUri().equals(form.get("redirect_uri")) ? "redirect_uri does not match the authorization request"
        : grant.challenge() != null && form.get("code_verifier") == null ? "code_verifier is required (PKCE)"
        : grant.challenge() != null && !grant.challenge().equals(s256(form.get("code_verifier")))
            ? "code_verifier does not match the code_challenge" : null;
    if (problem != null) {
      error(response, 400, "invalid_grant", problem);
      return;
    }
    String access = "at-" + random();
    state.accessTokens.put(access, grant.user());
    ObjectNode reply = Json.object();
    reply.put("access_token", access);
    reply.put("token_type", "Bearer");
    reply.put("expires_in", 3600);
    reply.put("scope", grant.scope());
    if (state.issueIdToken) {
      String nonce = state.nonceOverride != null ? state.nonceOverride : grant.nonce();
      reply.put("id_token", FakeIdTokens.hs256(issuer.get(), state.clientId, state.clientSecret, nonce, grant.user()));
    }
    json(response, 200, reply);
  }

  private boolean clientAuthenticated(String authorization, Map<String, String> form) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      return colon > 0 && state.clientId.equals(decoded.substring(0, colon))
          && state.clientSecret.equals(decoded.substring(colon + 1))
          && (!form.containsKey("client_id") || state.clientId.equals(form.get("client_id")));
    }
    return state.clientId.equals(form.get("client_id")) && state.clientSecret.equals(form.get("client_secret"));
  }

  private void userinfo(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    Map<String, Object> user = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? state.accessTokens.get(authorization.substring(7).strip()) : null;
    if (user == null) {
      request.response().setStatusCode(401)
          .putHeader("www-authenticate", "Bearer error=\"invalid_token\", error_description=\"unknown access token\"")
          .end();
      return;
    }
    state.userinfoServed.incrementAndGet();
    json(request.response(), 200, Json.MAPPER.valueToTree(user));
  }

  private ObjectNode discovery() {
    String base = issuer.get();
    ObjectNode d = Json.object();
    d.put("issuer", base);
    d.put("authorization_endpoint", base + AUTHORIZE);
    d.put("token_endpoint", base + TOKEN);
    d.put("userinfo_endpoint", base + USERINFO);
    d.putArray("response_types_supported").add("code");
    d.putArray("subject_types_supported").add("public");
    d.putArray("id_token_signing_alg_values_supported").add("HS256");
    d.putArray("code_challenge_methods_supported").add("S256");
    d.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
    d.putArray("scopes_supported").add("openid").add("email").add("profile");
    return d;
  }

  private static void error(HttpServerResponse response, int status, String error, String description) {
    ObjectNode e = Json.object();
    e.put("error", error);
    if (description != null) {
      e.put("error_description", description);
    }
    json(response, status, e);
  }

  private static void json(HttpServerResponse response, int status, com.fasterxml.jackson.databind.JsonNode body) {
    response.setStatusCode(status).putHeader("content-type", "application/json").end(Json.writeString(body));
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static String s256(String verifier) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
