package dev.tollgate.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape of the SigV4 headers. The signature value itself is checked by recomputing it independently in the
 * testkit's fake Bedrock ({@code SigV4Verifier}, validated against AWS's published test vectors).
 */
class BedrockSignerTest {
  private final ChatRequest hi = ChatRequest.builder().addMessage(ChatMessage.user("hi")).build();

  @Test
  void signsWithTheBedrockScopeAtTheClocksTime() throws Exception {
    HttpCall call = BedrockTargets.provider().chatCall(hi, BedrockTargets.signed("amazon.nova-micro-v1:0"));

    Map<String, String> h = call.headers();
    assertThat(h.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/"
        + "bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=");
    assertThat(h.get("Authorization")).matches(".*Signature=[0-9a-f]{64}$");
    assertThat(h).containsEntry("X-Amz-Date", "20260101T000000Z");
    String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(call.body()));
    assertThat(h).containsEntry("x-amz-content-sha256", bodyHash);
    assertThat(h.keySet()).noneMatch(k -> k.equalsIgnoreCase("host"));
    assertThat(h).doesNotContainKey("X-Amz-Security-Token");
  }

  @Test
  void temporaryCredentialsSignTheSessionToken() {
    CallTarget target = BedrockTargets.signed("amazon.nova-micro-v1:0").withSettings(BedrockTargets.settings(
        "aws_region_name", "us-east-1", "aws_access_key_id", "ASIATEMP", "aws_secret_access_key", "s",
        "aws_session_token", "FwoGZXIvYXdzEXAMPLE"));

    Map<String, String> h = BedrockTargets.provider().chatCall(hi, target).headers();

    assertThat(h).containsEntry("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE");
    assertThat(h.get("Authorization")).contains("x-amz-date;x-amz-security-token");
  }

  @Test
  void anotherTimeOrBodyGivesAnotherSignature() {
    CallTarget target = BedrockTargets.signed("amazon.nova-micro-v1:0");
    BedrockProvider later = new BedrockProvider(Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC));

    String first = BedrockTargets.provider().chatCall(hi, target).headers().get("Authorization");
    String again = BedrockTargets.provider().chatCall(hi, target).headers().get("Authorization");
    String otherTime = later.chatCall(hi, target).headers().get("Authorization");
    String otherBody = BedrockTargets.provider().chatCall(ChatRequest.builder()
        .addMessage(ChatMessage.user("ho")).build(), target).headers().get("Authorization");

    assertThat(again).isEqualTo(first);
    assertThat(otherTime).isNotEqualTo(first);
    assertThat(otherBody).isNotEqualTo(first);
    assertThat(new String(BedrockTargets.provider().chatCall(hi, target).body(), StandardCharsets.UTF_8))
        .contains("\"hi\"");
  }
}
