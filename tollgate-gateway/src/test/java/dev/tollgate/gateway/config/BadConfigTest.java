package dev.tollgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configs a person has to fix: the message names the file, the line and the field. Fixtures in config/bad/. */
class BadConfigTest {
  private static final Map<String, String> ENV = Map.of();

  private static ConfigException failure(String fixture) {
    Path file = Fixtures.path("config/bad/" + fixture);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(file, ENV));
    assertThat(t).isInstanceOf(ConfigException.class);
    ConfigException e = (ConfigException) t;
    assertThat(e.getMessage()).startsWith(file.toString());
    return e;
  }

  @Test
  void rpmNotANumberNamesPathAndLine() {
    ConfigException e = failure("rpm_not_number.yaml");
    assertThat(e.getMessage())
        .endsWith("rpm_not_number.yaml line 7: model_list[1].litellm_params.rpm must be a number, got \"abc\"");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.path()).isEqualTo("model_list[1].litellm_params.rpm");
  }

  @Test
  void missingModel() {
    ConfigException e = failure("missing_model.yaml");
    assertThat(e.getMessage()).endsWith("missing_model.yaml line 5: model_list[0] (gpt-4o) has no litellm_params.model");
  }

  @Test
  void missingLitellmParams() {
    ConfigException e = failure("missing_litellm_params.yaml");
    assertThat(e.getMessage()).contains("line 2: model_list[0] (gpt-4o) has no litellm_params.model");
  }

  @Test
  void missingModelName() {
    ConfigException e = failure("missing_model_name.yaml");
    assertThat(e.getMessage()).contains("line 5: model_list[1] has no model_name");
  }

  @Test
  void topLevelListIsRejected() {
    ConfigException e = failure("top_level_list.yaml");
    assertThat(e.getMessage()).contains("line 1: the top level must be a mapping").contains("got a list");
  }

  @Test
  void modelListMustBeAList() {
    ConfigException e = failure("model_list_mapping.yaml");
    assertThat(e.getMessage()).contains("line 2: model_list must be a list of deployments").contains("got a mapping");
  }

  @Test
  void badYamlSyntaxReportsTheLine() {
    ConfigException e = failure("bad_syntax.yaml");
    assertThat(e.getMessage()).contains("bad_syntax.yaml line 5: not valid YAML");
    assertThat(e.line()).isEqualTo(5);
  }

  @Test
  void missingIncludeNamesTheFileAndTheIncludeLine() {
    ConfigException e = failure("missing_include.yaml");
    assertThat(e.getMessage())
        .contains("missing_include.yaml line 3: include[1] names the file \"does-not-exist.yaml\", which does not exist");
  }

  @Test
  void errorInsideAnIncludedFileNamesThatFile() {
    Path file = Fixtures.path("config/bad/bad_in_include.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(file, ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "bad_included.yaml line 5: model_list[0].litellm_params.tpm must be a number, got \"lots\"");
  }

  @Test
  void includeCycleIsRejected() {
    Path file = Fixtures.path("config/bad/include_cycle_a.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(file, ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "include_cycle_b.yaml line 1: include[0] includes \"include_cycle_a.yaml\", which is already being included"
                + " (a cycle)");
  }

  @Test
  void timeoutMustBeANumberNotAList() {
    ConfigException e = failure("timeout_is_list.yaml");
    assertThat(e.getMessage()).endsWith("line 5: model_list[0].litellm_params.timeout must be a number, got a list");
  }

  @Test
  void wholeNumberFieldsRejectFractions() {
    ConfigException e = failure("max_retries_fraction.yaml");
    assertThat(e.getMessage()).endsWith("line 5: model_list[0].litellm_params.max_retries must be a whole number, got 2.5");
  }

  @Test
  void settingsSectionsAreValidatedToo() {
    ConfigException e = failure("router_num_retries_text.yaml");
    assertThat(e.getMessage()).endsWith("line 3: router_settings.num_retries must be a number, got \"three\"");
  }

  @Test
  void badValueReachedThroughAnAliasPointsAtTheAnchoredLine() {
    ConfigException e = failure("anchor_bad_value.yaml");
    assertThat(e.getMessage()).endsWith("line 2: model_list[0].litellm_params.rpm must be a number, got \"lots\"");
  }

  @Test
  void missingConfigFile() {
    Path file = Fixtures.path("config/bad").resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(file, ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml does not exist");
  }

  @Test
  void valueFromEnvironmentIsNotEchoedInErrors() {
    String yaml =
        """
        model_list:
          - model_name: m
            litellm_params:
              model: openai/m
              rpm: os.environ/SECRET_RPM
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "inline.yaml", Map.of("SECRET_RPM", "hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("inline.yaml line 5: model_list[0].litellm_params.rpm must be a number, got the value of os.environ/SECRET_RPM")
        .message()
        .doesNotContain("hunter2");
  }
}
