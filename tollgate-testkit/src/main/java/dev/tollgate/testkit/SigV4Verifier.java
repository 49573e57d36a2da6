package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 the way an AWS service does: rebuilds the canonical request from what arrived
 * (method, raw path with each segment encoded again, sorted query, the signed headers, the body's SHA-256), the string
 * to sign and the HMAC chain, and compares. Written from AWS's description of the algorithm, independently of the AWS
 * signer the Bedrock adapter uses, and tested against AWS's published test-suite vectors, so a signing bug in the
 * adapter fails here.
 */
public final class SigV4Verifier {
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
          + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  /** AWS refuses a signature whose time is further than this from its own clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final String service;
  private final String region;
  private final Function<String, String> secrets;

  /**
   * @param secrets the secret key for an access key id, or null for an unknown key
   */
  public SigV4Verifier(String service, String region, Function<String, String> secrets) {
    this.service = service;
    this.region = region;
    this.secrets = secrets;
  }

  /** Why a request fails: the AWS exception name and message, as the service would answer. */
  public record Failure(int status, String exception, String message) {}

  /**
   * Verifies a request. {@code headers} are matched case-insensitively, {@code path} is the raw (still
   * percent-encoded) path and {@code query} the raw query or null. Returns null when the signature is valid.
   */
  public Failure verify(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
      Instant now) {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    String authorization = first(h, "authorization");
    if (authorization == null) {
      return new Failure(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.trim());
    if (!m.matches()) {
      return new Failure(403, "IncompleteSignatureException", "Authorization header requires 'Credential',"
          + " 'Signature' and 'SignedHeaders' parameters. Authorization=" + authorization);
    }
    String keyId = m.group(1);
    String date = m.group(2);
    String secret = secrets.apply(keyId);
    if (secret == null) {
      return new Failure(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!m.group(3).equals(region) || !m.group(4).equals(service)) {
      return new Failure(403, "InvalidSignatureException", "Credential should be scoped to a valid region and"
          + " service: expected " + region + "/" + service + ", got " + m.group(3) + "/" + m.group(4) + ".");
    }
    String amzDate = first(h, "x-amz-date");
    if (amzDate == null || !amzDate.startsWith(date)) {
      return new Failure(403, "IncompleteSignatureException", "X-Amz-Date is missing or does not match the"
          + " credential scope date.");
    }
    Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      return new Failure(403, "InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier or"
          + " later than the allowed 5 minutes.");
    }
    List<String> signedHeaders = List.of(m.group(5).split(";"));
    if (!signedHeaders.contains("host")) {
      return new Failure(403, "InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    String payloadHash = hex(sha256(body == null ? new byte[0] : body));
    String declaredHash = first(h, "x-amz-content-sha256");
    if (declaredHash != null && !declaredHash.equals(payloadHash) && !declaredHash.equals("UNSIGNED-PAYLOAD")) {
      return new Failure(400, "ValidationException", "The provided 'x-amz-content-sha256' header does not match what"
          + " was computed.");
    }
    String canonical = canonicalRequest(method, path, query, h, signedHeaders,
        declaredHash != null ? declaredHash : payloadHash);
    String expected = signature(secret, date, amzDate, canonical);
    if (!expected.equals(m.group(6))) {
      return new Failure(403, "InvalidSignatureException", "The request signature we calculated does not match the"
          + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
          + " documentation for details.");
    }
    return null;
  }

  /** The canonical request of SigV4 (non-S3 services: path segments are encoded once more). */
  static String canonicalRequest(String method, String path, String query, Map<String, List<String>> headers,
      List<String> signedHeaders, String payloadHash) {
    StringBuilder out = new StringBuilder();
    out.append(method).append('\n').append(canonicalPath(path)).append('\n').append(canonicalQuery(query)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = headers.getOrDefault(name, List.of());
      List<String> trimmed = new ArrayList<>();
      values.forEach(v -> trimmed.add(v.trim().replaceAll(" +", " ")));
      out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    return out.toString();
  }

  /** The signature of a canonical request with the key derived for this verifier's scope. */
  String signature(String secret, String date, String amzDate, String canonicalRequest) {
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  private static String canonicalPath(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(encode(segments[i]));
    }
    return out.toString();
  }

  private static String canonicalQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(encode(decode(name)) + "=" + encode(decode(value)));
    }
    pairs.sort(null);
    return String.join("&", pairs);
  }

  /** RFC 3986 encoding as AWS does it: unreserved characters stay, every other byte is %XX (upper case). */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
