package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.router.Deployment;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.gateway.models.Route;
import dev.tollgate.gateway.models.Router;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.ProviderRegistry;
import dev.tollgate.providers.spi.AccessTokenRequest;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentFactoryTest {

  @Test
  void vertexSettingsReachTheAdapterAsSettingsNeverAsRequestParams() throws Exception {
    ProxyConfig config = ConfigLoader.load(RunningGateway.resource("/providers/vertex-config.yaml"), Map.of());
    Deployment deployment = DeploymentFactory.create(config.modelList().get(0), Duration.ofSeconds(30));

    CallTarget template = deployment.template();
    assertThat(template.params()).containsOnlyKeys("temperature");
    assertThat(template.setting("vertex_project")).isEqualTo("config-project");
    assertThat(template.setting("vertex_location")).isEqualTo("europe-west1");
    assertThat(template.setting("vertex_credentials")).isEqualTo("/secrets/vertex-sa.json");

    Route route = new Router(List.of(deployment), ProviderRegistry.defaults(), Map.of("VERTEXAI_PROJECT", "env"))
        .route("vertex-gemini").orElseThrow();
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
