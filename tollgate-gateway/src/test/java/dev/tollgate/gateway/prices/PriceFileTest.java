package dev.tollgate.gateway.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.cost.CostCalculator;
import dev.tollgate.gateway.SettingsFactory;
import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.support.CliRun;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A price file ({@code --prices} / {@code litellm_settings.model_cost_map_path}) and per-deployment prices. */
class PriceFileTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static RunningGateway gw;

  @TempDir
  Path state;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/prices/prices-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void aPriceFileEntryPricesTheCall() throws Exception {
    HttpResponse<String> r = chat("priced-by-file");
    JsonNode usage = Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("usage");
    double expected = usage.get("prompt_tokens").asLong() * 0.001 + usage.get("completion_tokens").asLong() * 0.002;
    assertThat(expected).isGreaterThan(0);
    assertThat(cost(r)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aDeploymentsModelInfoPriceWinsOverTheFileForThatDeploymentOnly() throws Exception {
    HttpResponse<String> r = chat("file-and-override");
    JsonNode usage = Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("usage");
    double expected = usage.get("prompt_tokens").asLong() * 0.5 + usage.get("completion_tokens").asLong() * 0.002;
    assertThat(cost(r)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void modelInfoShowsTheFilesPrices() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/model/info")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).GET().build();
    JsonNode data = Json.tree(CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()).body()).get("data");
    JsonNode byFile = null;
    for (JsonNode m : data) {
      if ("priced-by-file".equals(m.get("model_name").asText())) {
        byFile = m.get("model_info");
      }
    }
    assertThat(byFile).isNotNull();
    assertThat(byFile.get("output_cost_per_token").asDouble()).isEqualTo(0.002);
    assertThat(byFile.get("max_input_tokens").asInt()).isEqualTo(1000);
  }

  @Test
  void theFileIsLaidOverTheBuiltInTableAndUnreadableEntriesAreSkipped() throws Exception {
    CostCalculator costs = gw.gateway().settings().routes().costs();
    assertThat(costs.prices().get("mock/mock")).isPresent();
    assertThat(costs.prices().get("unreadable-price")).isEmpty();
    assertThat(costs.prices().get("not-an-object")).isEmpty();
    assertThat(costs.prices().get("sample_spec")).isEmpty();
    // every built-in entry the file does not name is still priced
    assertThat(costs.prices().keys()).containsAll(
        CostCalculator.builtIn().prices().keys().stream().filter(k -> !k.equals("mock/mock")).toList());
  }

  @Test
  void thePricesFlagWinsOverTheSetting() throws Exception {
    var config = ConfigLoader.load(RunningGateway.resource("/prices/bad-file-config.yaml"), Map.of());
    Path flag = RunningGateway.resource("/prices/custom-prices.json");
    var built = SettingsFactory.build(config, state, flag); // the setting's file is not JSON, but is never read
    assertThat(built.settings().routes().costs().prices().get("mock/mock").orElseThrow().inputCostPerToken())
        .isEqualTo(0.001);
  }

  @Test
  void aFileThatIsNotJsonIsAStartupErrorNamingTheFile() throws Exception {
    var config = ConfigLoader.load(RunningGateway.resource("/prices/bad-file-config.yaml"), Map.of());
    assertThatThrownBy(() -> SettingsFactory.build(config, state))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("litellm_settings.model_cost_map_path")
        .hasMessageContaining("not-json.json");
  }

  @Test
  void aMissingFileIsAStartupError() throws Exception {
    var config = ConfigLoader.load(RunningGateway.resource("/prices/prices-config.yaml"), Map.of());
    assertThatThrownBy(() -> SettingsFactory.build(config, state, state.resolve("nope.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--prices")
        .hasMessageContaining("nope.json");
  }

  @Test
  void aUrlIsAConfigErrorSinceTheGatewayDoesNotFetchAtStart() throws Exception {
    var config = ConfigLoader.load(RunningGateway.resource("/prices/url-config.yaml"), Map.of());
    assertThatThrownBy(() -> SettingsFactory.build(config, state))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model_cost_map_path")
        .hasMessageContaining("URL");
  }

  @Test
  void theCliRefusesToStartWithABadPriceFile() throws Exception {
    CliRun run = CliRun.of("--config", RunningGateway.resource("/prices/prices-config.yaml").toString(),
        "--prices", RunningGateway.resource("/prices/not-json.json").toString(),
        "--state_dir", state.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--prices").contains("not-json.json");
  }

  private static HttpResponse<String> chat(String model) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/v1/chat/completions")))
        .header("authorization", "Bearer " + RunningGateway.MASTER_KEY).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"price me please\"}]}"))
        .build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static double cost(HttpResponse<String> r) {
    return Double.parseDouble(r.headers().firstValue("x-litellm-response-cost").orElseThrow());
  }
}
