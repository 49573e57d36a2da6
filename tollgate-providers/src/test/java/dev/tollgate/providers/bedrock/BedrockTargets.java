package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.spi.CallTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Targets and a fixed clock for Bedrock adapter tests. */
final class BedrockTargets {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private BedrockTargets() {}

  static BedrockProvider provider() {
    return new BedrockProvider(CLOCK);
  }

  /** A target with static keys in us-east-1 for {@code model} (without the {@code bedrock/} prefix). */
  static CallTarget signed(String model) {
    return CallTarget.of("bedrock", model).withSettings(settings(
        "aws_region_name", "us-east-1", "aws_access_key_id", KEY_ID, "aws_secret_access_key", SECRET));
  }

  static Map<String, JsonNode> settings(String... pairs) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], TextNode.valueOf(pairs[i + 1]));
    }
    return out;
  }

  static String modelOf(JsonNode request) {
    return request.get("model").asText().substring("bedrock/".length());
  }
}
