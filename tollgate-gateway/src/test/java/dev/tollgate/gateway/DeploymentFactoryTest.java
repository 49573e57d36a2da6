package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.core.router.DeploymentRouting;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.core.router.ModelGroups;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.models.RouteResolver;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.AccessTokenRequest;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the router reads from a model_list entry. */
class DeploymentFactoryTest {

  @Test
  void routingSettingsComeFromLitellmParamsAndModelInfo() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/config/router/all_keys.yaml"), Map.of());

    Deployment d = DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(600));

    DeploymentRouting r = d.routing();
    assertThat(d.id()).isEqualTo("gpt4-eu");
    assertThat(r.rpm()).isEqualTo(10L);
    assertThat(r.tpm()).isEqualTo(20_000L);
    assertThat(r.weight()).isEqualTo(2.0);
    assertThat(r.order()).isEqualTo(1);
    assertThat(r.tags()).containsExactly("paid", "eu");
    assertThat(r.maxParallelRequests()).isEqualTo(4);
    assertThat(r.timeout()).isEqualTo(Duration.ofMillis(12_500));
    assertThat(r.streamTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(r.numRetries()).isEqualTo(1);
    assertThat(r.cooldownTime()).isEqualTo(Duration.ZERO);
    assertThat(r.allowedFails()).isEqualTo(7);
    assertThat(r.maxInputTokens()).isEqualTo(8192);
    // routing keys are not request defaults sent to the provider
    assertThat(d.template().params()).doesNotContainKeys("max_parallel_requests", "cooldown_time", "allowed_fails",
        "rpm", "tags");
  }

  @Test
  void unsetRoutingValuesStayUnset() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/config/router/all_keys.yaml"), Map.of());

    DeploymentRouting r = DeploymentFactory.create(config.modelList().get(1), Duration.ofSeconds(600)).routing();

    assertThat(r).isEqualTo(DeploymentRouting.NONE);
  }

  @Test
  void aDeploymentsSslVerifyIsASettingNeverARequestParam(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path bundle = dev.tollgate.testkit.FakeTls.writeCertificatePem(dir);
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/upstream/deployment-ssl-verify-config.yaml"),
        Map.of("CA_BUNDLE", bundle.toString()));
    CallTarget unchecked = DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(30)).template();
    assertThat(unchecked.params()).containsOnlyKeys("temperature");
    assertThat(unchecked.settings().get("ssl_verify").asBoolean(true)).isFalse();
    CallTarget companyCa = DeploymentFactory.create(config.modelList().get(1), Duration.ofSeconds(30)).template();
    assertThat(companyCa.params()).isEmpty();
    assertThat(companyCa.setting("ssl_verify")).isEqualTo(bundle.toString());
  }

  @Test
  void aDeploymentsUnreadableCertificateBundleFailsTheConfig() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/upstream/bad-deployment-ssl-verify-config.yaml"),
        Map.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(30)))
        .isInstanceOf(dev.tollgate.gateway.config.ConfigException.class)
        .hasMessage("litellm_params.ssl_verify of private-vllm names a certificate file that cannot be read: "
            + "/nowhere/ca.pem");
  }

  @Test
  void vertexSettingsReachTheAdapterAsSettingsNeverAsRequestParams() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/providers/vertex-config.yaml"), Map.of());
    Deployment deployment = DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(30));

    CallTarget template = deployment.template();
    assertThat(template.params()).containsOnlyKeys("temperature");
    assertThat(template.setting("vertex_project")).isEqualTo("config-project");
    assertThat(template.setting("vertex_location")).isEqualTo("europe-west1");
    assertThat(template.setting("vertex_credentials")).isEqualTo("/secrets/vertex-sa.json");

    Route route = new RouteResolver(ProviderRegistry.defaults(), Map.of("VERTEXAI_PROJECT", "env"))
        .resolve(new ModelGroups(List.of(deployment)).pick("vertex-gemini").orElseThrow());
    AccessTokenRequest token = route.provider().accessToken(route.target()).orElseThrow();
    assertThat(token.credentialsFile()).isEqualTo("/secrets/vertex-sa.json");
    ChatRequest request = ChatRequest.builder().model("vertex-gemini").addMessage(ChatMessage.user("hi")).build();
    var call = route.provider().chat().chatCall(request, route.target().withApiKey("ya29.t"));
    assertThat(call.url()).isEqualTo("https://europe-west1-aiplatform.googleapis.com/v1/projects/config-project"
        + "/locations/europe-west1/publishers/google/models/gemini-2.5-flash:generateContent");
    String body = new String(call.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("vertex_").contains("\"temperature\":0.1");
  }
}
