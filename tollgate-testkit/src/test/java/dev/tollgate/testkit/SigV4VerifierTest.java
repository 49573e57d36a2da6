package dev.tollgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier against AWS's Signature Version 4 test suite (get-vanilla, post-vanilla,
 * post-x-www-form-urlencoded: credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service").
 */
class SigV4VerifierTest {
  private static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SCOPE = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
  private final SigV4Verifier verifier = new SigV4Verifier("service", "us-east-1",
      key -> key.equals("AKIDEXAMPLE") ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : null);

  private static Map<String, List<String>> headers(String authorization, String... more) {
    java.util.LinkedHashMap<String, List<String>> h = new java.util.LinkedHashMap<>();
    h.put("Host", List.of("example.amazonaws.com"));
    h.put("X-Amz-Date", List.of("20150830T123600Z"));
    h.put("Authorization", List.of(authorization));
    for (int i = 0; i < more.length; i += 2) {
      h.put(more[i], List.of(more[i + 1]));
    }
    return h;
  }

  @Test
  void acceptsTheTestSuiteVectors() {
    assertThat(verifier.verify("GET", "/", null, headers(SCOPE + "SignedHeaders=host;x-amz-date, "
        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), new byte[0], AT)).isNull();
    assertThat(verifier.verify("POST", "/", null, headers(SCOPE + "SignedHeaders=host;x-amz-date, "
        + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"), new byte[0], AT)).isNull();
    assertThat(verifier.verify("POST", "/", null, headers(SCOPE + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
        "Content-Type", "application/x-www-form-urlencoded"), "Param1=value1".getBytes(StandardCharsets.UTF_8), AT))
        .isNull();
  }

  @Test
  void refusesATamperedBodyMethodOrPath() {
    String auth = SCOPE + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a";
    Map<String, List<String>> h = headers(auth, "Content-Type", "application/x-www-form-urlencoded");

    assertThat(verifier.verify("POST", "/", null, h, "Param1=value2".getBytes(StandardCharsets.UTF_8), AT))
        .extracting(SigV4Verifier.Failure::exception).isEqualTo("InvalidSignatureException");
    assertThat(verifier.verify("PUT", "/", null, h, "Param1=value1".getBytes(StandardCharsets.UTF_8), AT))
        .isNotNull();
    assertThat(verifier.verify("POST", "/x", null, h, "Param1=value1".getBytes(StandardCharsets.UTF_8), AT))
        .isNotNull();
  }

  @Test
  void refusesUnknownKeysOtherScopesMissingHeadersAndOldSignatures() {
    String vanilla = "SignedHeaders=host;x-amz-date, "
        + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";

    assertThat(verifier.verify("POST", "/", null, headers(SCOPE.replace("AKIDEXAMPLE", "AKIDOTHER") + vanilla),
        new byte[0], AT).exception()).isEqualTo("UnrecognizedClientException");
    assertThat(verifier.verify("POST", "/", null, headers(SCOPE.replace("us-east-1", "eu-west-1") + vanilla),
        new byte[0], AT).message()).contains("region");
    assertThat(verifier.verify("POST", "/", null, Map.of("Host", List.of("example.amazonaws.com")), new byte[0], AT)
        .exception()).isEqualTo("MissingAuthenticationTokenException");
    assertThat(verifier.verify("POST", "/", null, headers(SCOPE + vanilla), new byte[0], AT.plusSeconds(301))
        .message()).contains("Signature expired");
  }

  @Test
  void encodesPathSegmentsAgainAsNonS3ServicesDo() {
    String canonical = SigV4Verifier.canonicalRequest("POST", "/model/us.anthropic.claude-v1%3A0/converse", null,
        Map.of("host", List.of("h")), List.of("host"), "e3b0");

    assertThat(canonical).startsWith("POST\n/model/us.anthropic.claude-v1%253A0/converse\n\nhost:h\n");
  }
}
