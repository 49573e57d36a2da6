package dev.tollgate.providers.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.types.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider settings travel with a target through every copy and never show in its printout. */
class CallTargetSettingsTest {
  private static final Map<String, JsonNode> SETTINGS = Map.of(
      "aws_region_name", TextNode.valueOf("eu-west-1"), "aws_secret_access_key", TextNode.valueOf("s3cr3t"),
      "vertex_credentials", Json.tree("{\"type\":\"service_account\"}".getBytes()));

  @Test
  void everyCopyKeepsTheSettings() {
    CallTarget template = new CallTarget(null, null, "https://x", "k", null, null, null, null, false, SETTINGS);

    CallTarget copy = template.forModel("bedrock", "m").withApiBase("https://y").withApiKey("k2")
        .withApiVersion("v").withTimeout(Duration.ofSeconds(3)).withHeaders(Map.of("a", "b")).withDropParams(true);

    assertThat(copy.settings()).isEqualTo(SETTINGS);
    assertThat(copy.provider()).isEqualTo("bedrock");
    assertThat(copy.model()).isEqualTo("m");
    assertThat(copy.apiBase()).isEqualTo("https://y");
    assertThat(new CallTarget("p", "m", null, null, null, null, null, null, false).settings()).isEmpty();
  }

  @Test
  void aSettingReadsAsText() {
    CallTarget target = CallTarget.of("bedrock", "m").withSettings(SETTINGS);

    assertThat(target.setting("aws_region_name")).isEqualTo("eu-west-1");
    assertThat(target.setting("vertex_credentials")).isEqualTo("{\"type\":\"service_account\"}");
    assertThat(target.setting("aws_session_token")).isNull();
  }

  @Test
  void printingATargetShowsNamesNotSecrets() {
    String printed = CallTarget.of("bedrock", "m").withApiKey("sk-live-123").withSettings(SETTINGS).toString();

    assertThat(printed).contains("aws_secret_access_key").doesNotContain("s3cr3t").doesNotContain("sk-live-123");
  }

  @Test
  void pickKeepsOnlySettingNames() {
    Map<String, JsonNode> params = new LinkedHashMap<>();
    params.put("temperature", IntNode.valueOf(1));
    params.put("aws_region_name", TextNode.valueOf("us-east-1"));
    params.put("vertex_project", TextNode.valueOf("p"));
    params.put("aws_session_token", null);

    assertThat(ProviderSettings.pick(params)).containsOnlyKeys("aws_region_name", "vertex_project");
  }
}
