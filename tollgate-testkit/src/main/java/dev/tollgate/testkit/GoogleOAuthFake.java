package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Google's OAuth2 token endpoint for service accounts ({@code POST /token}, RFC 7523 JWT bearer grant), as far as a
 * test needs it: the assertion must be an RS256 JWT signed by the registered service account's key, issued by its
 * client_email, for the cloud-platform scope, with Google's token audience ({@value #AUDIENCE}) and not expired. It answers with an access
 * token that the fake's Vertex AI paths then require as {@code Authorization: Bearer}.
 */
final class GoogleOAuthFake {
  static final String PATH = "/token";
  static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  /** The audience Google requires in every access-token assertion, whatever URL the request is posted to. */
  static final String AUDIENCE = "https://oauth2.googleapis.com/token";
  private final Map<String, PublicKey> accounts = new ConcurrentHashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final AtomicLong issued = new AtomicLong();
  private volatile long expiresInSeconds = 3600;

  void register(String clientEmail, PublicKey key) {
    accounts.put(clientEmail, key);
  }

  void expiresIn(long seconds) {
    this.expiresInSeconds = seconds;
  }

  boolean isValid(String bearer) {
    return bearer != null && tokens.contains(bearer);
  }

  void revokeAll() {
    tokens.clear();
  }

  long issued() {
    return issued.get();
  }

  void handle(Exchange exchange, byte[] body) {
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    if (!GRANT.equals(form.get("grant_type"))) {
      fail(exchange, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
      return;
    }
    String problem = check(form.get("assertion"));
    if (problem != null) {
      fail(exchange, "invalid_grant", problem);
      return;
    }
    String token = "ya29.fake-" + issued.incrementAndGet();
    tokens.add(token);
    ObjectNode reply = Json.object();
    reply.put("access_token", token);
    reply.put("expires_in", expiresInSeconds);
    reply.put("token_type", "Bearer");
    exchange.send(200, "application/json", Map.of(), Buffer.buffer(Json.write(reply)));
  }

  /** Null when the assertion is good, else why not (in Google's words where known). */
  private String check(String assertion) {
    if (assertion == null) {
      return "Missing required parameter: assertion";
    }
    String[] pieces = assertion.split("\\.");
    if (pieces.length != 3) {
      return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = Json.tree(Base64.getUrlDecoder().decode(pieces[0]));
      claims = Json.tree(Base64.getUrlDecoder().decode(pieces[1]));
    } catch (RuntimeException e) {
      return "Invalid JWT: not base64url JSON";
    }
    if (!"RS256".equals(header.path("alg").asText())) {
      return "Invalid JWT: alg must be RS256";
    }
    PublicKey key = accounts.get(claims.path("iss").asText());
    if (key == null) {
      return "Invalid JWT Signature."; // Google says this for an unknown account too
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((pieces[0] + "." + pieces[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(pieces[2]))) {
        return "Invalid JWT Signature.";
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "Invalid JWT Signature.";
    }
    if (!AUDIENCE.equals(claims.path("aud").asText())) {
      return "Invalid JWT: aud must be " + AUDIENCE + ", got " + claims.path("aud").asText();
    }
    if (!(" " + claims.path("scope").asText() + " ").contains(" " + SCOPE + " ")) {
      return "Invalid JWT: the scope must include " + SCOPE;
    }
    long now = Instant.now().getEpochSecond();
    long exp = claims.path("exp").asLong(0);
    long iat = claims.path("iat").asLong(0);
    if (exp <= now || iat > now + 300 || exp - iat > 3600) {
      return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
    }
    return null;
  }

  private static void fail(Exchange exchange, String error, String description) {
    ObjectNode reply = Json.object();
    reply.put("error", error);
    reply.put("error_description", description);
    exchange.send(400, "application/json", Map.of(), Buffer.buffer(Json.write(reply)));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
