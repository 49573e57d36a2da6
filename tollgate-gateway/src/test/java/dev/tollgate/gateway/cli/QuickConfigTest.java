package dev.tollgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.Gateway;
import dev.tollgate.gateway.SettingsFactory;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./tollgate} serves without a config, and {@code --model} quick mode. */
class QuickConfigTest {
  @TempDir
  Path state;

  @Test
  void builtInConfigServesTheMockModelWithAGeneratedMasterKeyThatIsKept() throws Exception {
    ProxyConfig config = ConfigLoader.parse(QuickConfig.defaultYaml(), "built-in", Map.of());
    SettingsFactory.Built built = SettingsFactory.build(config, state);

    assertThat(built.settings().masterKey()).startsWith("sk-").hasSizeGreaterThan(40);
    assertThat(Files.readString(state.resolve("master_key")).strip()).isEqualTo(built.settings().masterKey());
    assertThat(SettingsFactory.build(config, state).settings().masterKey()).isEqualTo(built.settings().masterKey());
    assertThat(built.settings().models().groups().names()).contains("mock");

    String databaseUrl = SettingsFactory.databaseUrl(config, null, state);
    assertThat(databaseUrl).isEqualTo("sqlite:" + state.toAbsolutePath().normalize().resolve("tollgate.db"));
    try (Gateway gateway = Gateway.start(built.settings(), ControlPlane.open(databaseUrl), "127.0.0.1", 0, 1)) {
      assertThat(state.resolve("tollgate.db")).isRegularFile();
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
          .header("authorization", "Bearer " + built.settings().masterKey())
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}"))
          .build();
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Json.tree(response.body());
      assertThat(body.at("/choices/0/message/content").asText()).contains("ping");
    }
  }

  @Test
  void quickModeServesOneModelUnderItsOwnName() {
    ProxyConfig config = ConfigLoader.parse(QuickConfig.yaml("groq/llama-3.1-8b-instant"), "--model", Map.of());

    assertThat(config.modelList()).hasSize(1);
    assertThat(config.modelList().get(0).modelName()).isEqualTo("groq/llama-3.1-8b-instant");
    assertThat(config.modelList().get(0).litellmParams().model()).isEqualTo("groq/llama-3.1-8b-instant");
  }
}
