package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.gateway.support.RunningGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cloud settings ({@code aws_*}, {@code vertex_*}) reach the call target but never the request defaults. */
class DeploymentSettingsTest {

  @Test
  void awsSettingsAreProviderSettingsNotRequestParams() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/gateway/bedrock-config.yaml"),
        Map.of("FAKE_UPSTREAM_ROOT", "http://127.0.0.1:1"));

    Deployment claude = DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(30));
    Deployment nova = DeploymentFactory.create(config.modelList().get(1), Duration.ofSeconds(30));

    assertThat(claude.template().settings()).containsOnlyKeys("aws_bedrock_runtime_endpoint", "aws_region_name",
        "aws_access_key_id", "aws_secret_access_key");
    assertThat(claude.template().setting("aws_bedrock_runtime_endpoint")).isEqualTo("http://127.0.0.1:1");
    assertThat(claude.template().params()).isEmpty();
    assertThat(nova.template().params()).containsOnlyKeys("max_tokens");
    assertThat(nova.template().settings()).doesNotContainKey("max_tokens");
  }
}
