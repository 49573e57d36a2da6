package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.gateway.config.ConfigException;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.core.router.Deployment;
import dev.tollgate.gateway.support.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployment prices and the spend flush interval are read once, when the config loads. */
class SpendSettingsTest {
  @TempDir
  Path state;

  private SettingsFactory.Built build(String resource) throws Exception {
    return SettingsFactory.build(ConfigLoader.load(RunningGateway.resource(resource),
        Map.of("FAKE_OPENAI_BASE", "http://127.0.0.1:1/v1")), state);
  }

  private static Deployment deployment(SettingsFactory.Built built, String group) {
    return built.settings().models().groups().resolve(group).orElseThrow().deployments().get(0);
  }

  @Test
  void pricesComeFromModelInfoOrLitellmParams() throws Exception {
    SettingsFactory.Built built = build("/spend/spend-config.yaml");
    assertThat(deployment(built, "mock-priced").price().inputCostPerToken()).isEqualTo(0.0000015);
    assertThat(deployment(built, "mock-priced").price().outputCostPerToken()).isEqualTo(0.000002);
    assertThat(deployment(built, "gpt-priced").price().outputCostPerToken()).isEqualTo(0.000006);
    assertThat(deployment(built, "embed-priced").price().inputCostPerToken()).isEqualTo(1e-7); // "1e-7" string
    assertThat(deployment(built, "mock-free").price()).isNull();
    assertThat(built.settings().spendFlushInterval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theFlushIntervalDefaultsToOneSecond() throws Exception {
    assertThat(build("/gateway/fake-upstream-config.yaml").settings().spendFlushInterval())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(build("/spend/fast-flush-config.yaml").settings().spendFlushInterval())
        .isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void badValuesAreConfigErrors() {
    assertThatThrownBy(() -> build("/spend/bad-price.yaml")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("input_cost_per_token").hasMessageContaining("cheap");
    assertThatThrownBy(() -> build("/spend/bad-batch-write.yaml")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("proxy_batch_write_at");
    assertThat(Files.exists(state)).isTrue();
  }
}
