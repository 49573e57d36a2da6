package dev.tollgate.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The configs used without {@code --config}: the built-in default (mock models) and {@code --model} quick mode. */
final class QuickConfig {
  private QuickConfig() {}

  static String defaultYaml() {
    try (InputStream in = QuickConfig.class.getResourceAsStream("/dev/tollgate/gateway/default-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-deployment config whose public name is the model string itself. */
  static String yaml(String model) {
    String quoted = "\"" + model.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return "model_list:\n  - model_name: " + quoted + "\n    litellm_params:\n      model: " + quoted + "\n";
  }
}
