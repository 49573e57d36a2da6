package dev.tollgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Loader features on fixtures in config/good/: env references, includes, unknown keys, numeric strings, empties. */
class ConfigLoaderTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  private List<String> warnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static ProxyConfig load(String fixture, Map<String, String> env) {
    return ConfigLoader.load(Fixtures.path("config/good/" + fixture), env);
  }

  @Test
  void osEnvironResolvesAtAnyDepthAndMissingVariablesBecomeNull() {
    Map<String, String> env =
        Map.of(
            "OPENAI_API_KEY", "sk-openai",
            "TIMEOUT_SECONDS", "45",
            "DEPLOYMENT_ID", "dep-7",
            "DB_URL", "postgresql://db/tollgate",
            "REDIS_PASSWORD", "redis-secret-value",
            "REDIS_PORT", "6380",
            "APORIA_KEY", "aporia-secret",
            "LITELLM_MASTER_KEY", "sk-env-master");
    ProxyConfig c = load("env_refs.yaml", env);

    LitellmParams p = c.modelList().get(0).litellmParams();
    assertThat(p.apiKey()).isEqualTo("sk-openai");
    assertThat(p.apiBase()).isNull();
    assertThat(p.timeout()).isEqualTo(45.0);
    assertThat(p.rpm()).as("from environment_variables").isEqualTo(120L);
    assertThat(p.extra().get("extra_headers").get("X-Team").asText()).isEqualTo("team-a");
    assertThat(p.extra().get("extra_headers").get("X-Missing").isNull()).isTrue();
    assertThat(c.modelList().get(0).modelInfo().id()).isEqualTo("dep-7");
    assertThat(c.litellmSettings().cacheParams().get("password").asText()).isEqualTo("redis-secret-value");
    assertThat(c.litellmSettings().cacheParams().get("port").asText()).isEqualTo("6380");
    assertThat(c.guardrails().get(0).at("/litellm_params/api_key").asText()).isEqualTo("aporia-secret");
    assertThat(c.generalSettings().databaseUrl()).isEqualTo("postgresql://db/tollgate");
    // master_key: os.environ/UNSET_MASTER_KEY is unset, so LITELLM_MASTER_KEY applies
    assertThat(c.generalSettings().masterKey()).isEqualTo("sk-env-master");

    assertThat(c.environmentVariables()).containsExactly(
        Map.entry("TEAM_HEADER", "team-a"), Map.entry("RPM_LIMIT", "120"), Map.entry("FLAG", "True"));
    assertThat(c.environment()).containsEntry("OPENAI_API_KEY", "sk-openai").containsEntry("TEAM_HEADER", "team-a");

    List<String> warnings = warnings();
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0)).contains("UNSET_BASE").contains("model_list[0].litellm_params.api_base");
    assertThat(warnings.get(1)).contains("UNSET_HEADER").contains("model_list[0].litellm_params.extra_headers.X-Missing");
    assertThat(warnings.get(2)).contains("UNSET_MASTER_KEY").contains("general_settings.master_key");
    assertThat(String.join("\n", warnings)).doesNotContain("sk-openai", "redis-secret-value", "aporia-secret");
  }

  @Test
  void missingVariableIsWarnedOnceListingEveryPath() {
    String yaml =
        """
        model_list:
          - model_name: a
            litellm_params: {model: openai/a, api_key: os.environ/NOPE}
          - model_name: b
            litellm_params: {model: openai/b, api_key: os.environ/NOPE}
        """;
    ProxyConfig c = ConfigLoader.parse(yaml, "inline.yaml", Map.of());
    assertThat(c.modelList()).allSatisfy(d -> assertThat(d.litellmParams().apiKey()).isNull());
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("NOPE", "model_list[0].litellm_params.api_key", "model_list[1].litellm_params.api_key");
  }

  @Test
  void masterKeyFallsBackToLitellmMasterKeyEnv() {
    ProxyConfig none = ConfigLoader.parse("model_list: []\n", "x.yaml", Map.of());
    assertThat(none.generalSettings().masterKey()).isNull();
    ProxyConfig fromEnv = ConfigLoader.parse("model_list: []\n", "x.yaml", Map.of("LITELLM_MASTER_KEY", "sk-e"));
    assertThat(fromEnv.generalSettings().masterKey()).isEqualTo("sk-e");
    ProxyConfig fileWins =
        ConfigLoader.parse("general_settings:\n  master_key: sk-file\n", "x.yaml", Map.of("LITELLM_MASTER_KEY", "sk-e"));
    assertThat(fileWins.generalSettings().masterKey()).isEqualTo("sk-file");
  }

  @Test
  void includesMergeListsAndMapsRelativeToTheIncludingFile() {
    ProxyConfig c = load("include_main.yaml", Map.of("ANTHROPIC_API_KEY", "sk-ant"));
    assertThat(c.modelList())
        .extracting(DeploymentConfig::modelName)
        .containsExactly("main-model", "included-model", "nested-model");
    assertThat(c.deployments("included-model").get(0).litellmParams().apiKey()).isEqualTo("sk-ant");
    // maps are merged key by key, the including file wins on a clash
    assertThat(c.litellmSettings().dropParams()).isTrue();
    assertThat(c.litellmSettings().numRetries()).isEqualTo(4);
    assertThat(c.generalSettings().masterKey()).isEqualTo("sk-main");
    assertThat(c.generalSettings().maxRequestSizeMb()).isEqualTo(12.0);
    assertThat(c.routerSettings().routingStrategy()).isEqualTo("least-busy");
    assertThat(c.unknownKeys()).isEmpty();
  }

  @Test
  void unknownKeysAreCollectedAndWarnedOnceNeverFatal() {
    ProxyConfig c = load("unknown_keys.yaml", Map.of());
    assertThat(c.unknownKeys())
        .containsExactly(
            "my_own_section",
            "model_list[0].some_entry_key",
            "litellm_settings.not_a_litellm_setting",
            "router_settings.routing_strategie_typo",
            "general_settings.foo_bar");
    assertThat(c.modelList()).hasSize(1);
    assertThat(c.generalSettings().masterKey()).isEqualTo("sk-1234");
    assertThat(c.generalSettings().extra()).containsKey("foo_bar");
    assertThat(warnings()).singleElement().asString().contains("general_settings.foo_bar", "my_own_section");
  }

  @Test
  void anchorsAliasesAndMergeKeys() {
    ProxyConfig c = load("anchors.yaml", Map.of("AZURE_API_KEY", "az"));
    assertThat(c.deployments("gpt-4o"))
        .extracting(d -> d.litellmParams().model(), d -> d.litellmParams().rpm(), d -> d.litellmParams().apiKey())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("azure/gpt-4o-eu", 100L, "az"),
            org.assertj.core.groups.Tuple.tuple("azure/gpt-4o-us", 300L, "az"));
    assertThat(c.modelList().get(1).litellmParams().apiVersion()).isEqualTo("2024-06-01");
    assertThat(c.unknownKeys()).containsExactly("x-azure-defaults");
  }

  @Test
  void numericStringsAndTypedFields() {
    ProxyConfig c = load("numeric_strings.yaml", Map.of());
    LitellmParams p = c.modelList().get(0).litellmParams();
    assertThat(p.rpm()).isEqualTo(100L);
    assertThat(p.tpm()).isEqualTo(20_000L);
    assertThat(p.timeout()).isEqualTo(30.0);
    assertThat(p.streamTimeout()).isEqualTo(2.5);
    assertThat(p.weight()).isEqualTo(3.0);
    assertThat(p.order()).isEqualTo(1);
    assertThat(p.maxRetries()).isEqualTo(2);
    assertThat(p.numRetries()).isEqualTo(3);
    assertThat(p.dropParams()).isTrue();
    assertThat(p.tags()).containsExactly("a", "b");
    assertThat(p.mockResponseText()).isEqualTo("hello");
    assertThat(p.organization()).isEqualTo("org-1");
    assertThat(p.customLlmProvider()).isEqualTo("openai");
    assertThat(p.extra()).containsOnlyKeys("temperature");

    RouterSettings r = c.routerSettings();
    assertThat(r.numRetries()).isEqualTo(2);
    assertThat(r.timeout()).isEqualTo(30.0);
    assertThat(r.allowedFails()).isEqualTo(3);
    assertThat(r.cooldownTime()).isEqualTo(0.5);
    assertThat(r.modelGroupAlias().get("gpt-4").asText()).isEqualTo("m");
  }

  @Test
  void emptyFilesAndNullSectionsGiveDefaults() {
    for (String fixture : List.of("empty.yaml", "comments_only.yaml", "null_sections.yaml")) {
      ProxyConfig c = load(fixture, Map.of());
      assertThat(c.modelList()).as(fixture).isEmpty();
      assertThat(c.guardrails()).isEmpty();
      assertThat(c.environmentVariables()).isEmpty();
      assertThat(c.unknownKeys()).isEmpty();
      assertThat(c.litellmSettings()).isEqualTo(LitellmSettings.empty());
      assertThat(c.routerSettings()).isEqualTo(RouterSettings.empty());
      assertThat(c.generalSettings().masterKey()).isNull();
    }
  }

  @Test
  void emptyConfig() {
    ProxyConfig c = ProxyConfig.empty();
    assertThat(c.modelList()).isEmpty();
    assertThat(c.litellmSettings().dropParams()).isFalse();
    assertThat(c.generalSettings().masterKey()).isNull();
    assertThat(c.environment()).isEmpty();
  }

  @Test
  void recordsDoNotPrintSecrets() {
    ProxyConfig c =
        ConfigLoader.parse(
            """
            model_list:
              - model_name: m
                litellm_params: {model: openai/m, api_key: sk-very-secret, aws_secret_access_key: aws-very-secret}
            general_settings: {master_key: sk-master-secret}
            router_settings: {redis_password: redis-very-secret}
            litellm_settings: {cache_params: {password: cache-very-secret}}
            """,
            "inline.yaml",
            Map.of("ENV_SECRET", "env-very-secret"));
    assertThat(c.toString()).doesNotContain("very-secret", "master-secret").contains("openai/m");
  }
}
