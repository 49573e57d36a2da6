package dev.tollgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loads every real LiteLLM config in src/test/resources/litellm-configs/ and checks facts about each. */
class ReferenceConfigsTest {
  private static final Path DIR = Fixtures.path("litellm-configs");

  /** Every variable the reference configs reference (README), with fake values; the real process env is not used. */
  private static final Map<String, String> ENV =
      Map.ofEntries(
          Map.entry("AZURE_API_KEY", "azure-key-from-test-env"),
          Map.entry("AZURE_API_BASE", "https://azure.example.invalid"),
          Map.entry("AZURE_API_KEY_EU", "azure-eu"),
          Map.entry("AZURE_API_KEY_CA", "azure-ca"),
          Map.entry("FAKE_OPENAI_API_BASE", "http://127.0.0.1:9/v1"),
          Map.entry("COHERE_API_KEY", "cohere"),
          Map.entry("APORIA_API_KEY_1", "aporia1"),
          Map.entry("APORIA_API_BASE_1", "https://aporia1.invalid"),
          Map.entry("APORIA_API_KEY_2", "aporia2"),
          Map.entry("APORIA_API_BASE_2", "https://aporia2.invalid"),
          Map.entry("AIM_API_KEY", "aim"),
          Map.entry("AIM_API_BASE", "https://aim.invalid"),
          Map.entry("ANTHROPIC_API_KEY", "anthropic-key"),
          Map.entry("OPENAI_API_KEY", "openai-key"),
          Map.entry("GROQ_API_KEY", "groq-key"),
          Map.entry("LITELLM_MASTER_KEY", "sk-master-from-env"),
          Map.entry("AWS_ACCESS_KEY_ID", "AKIA-test"),
          Map.entry("AWS_SECRET_ACCESS_KEY", "aws-secret"),
          Map.entry("LANGFUSE_PROJECT1_PUBLIC", "lf1-pub"),
          Map.entry("LANGFUSE_PROJECT1_SECRET", "lf1-sec"),
          Map.entry("LANGFUSE_PROJECT2_PUBLIC", "lf2-pub"),
          Map.entry("LANGFUSE_PROJECT2_SECRET", "lf2-sec"),
          Map.entry("REDIS_HOST", "redis.test"),
          Map.entry("REDIS_PASSWORD", "redis-pw"),
          Map.entry("REDIS_PORT", "6380"));

  static Stream<String> referenceConfigs() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void allTwentyTwoReferenceConfigsAreCoveredByFacts() throws IOException {
    assertThat(referenceConfigs().toList()).hasSize(22).allMatch(FACTS::containsKey);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceConfigs")
  void guardrailsLoadWithTheUnsupportedOnesSkipped(String file) {
    ProxyConfig config = ConfigLoader.load(DIR.resolve(file), ENV);
    // LiteLLM's remote integrations (aporia, bedrock, aim, litellm_content_filter, Python classes) load as skipped
    assertThat(dev.tollgate.gateway.guardrails.GuardrailConfig.read(config.guardrails()).all()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceConfigs")
  void loadsWithNoUnknownKeysAndMatchesFacts(String file) {
    ProxyConfig config = ConfigLoader.load(DIR.resolve(file), ENV);

    assertThat(config.unknownKeys()).as("unknown keys in %s", file).isEmpty();
    assertThat(config.modelList()).allSatisfy(d -> assertThat(d.litellmParams().model()).isNotBlank());
    FACTS.get(file).accept(config);
  }

  private static final Map<String, Consumer<ProxyConfig>> FACTS =
      Map.ofEntries(
          Map.entry(
              "simple_config.yaml",
              c -> {
                assertThat(c.modelList()).hasSize(1);
                assertThat(c.modelList().get(0).modelName()).isEqualTo("gpt-3.5-turbo");
                assertThat(c.modelList().get(0).litellmParams().model()).isEqualTo("gpt-5-mini");
                assertThat(c.litellmSettings().dropParams()).isFalse();
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-master-from-env");
              }),
          Map.entry(
              "load_balancer.yaml",
              c -> {
                assertThat(c.litellmSettings().dropParams()).isTrue();
                List<DeploymentConfig> group = c.deployments("gpt-3.5-turbo");
                assertThat(group).hasSize(3);
                // tpm/rpm written on the entry (legacy placement) land in litellm_params
                assertThat(group.get(0).litellmParams().tpm()).isEqualTo(20000L);
                assertThat(group.get(0).litellmParams().rpm()).isEqualTo(3L);
                assertThat(group.get(1).litellmParams().apiKey()).isEqualTo("sk-Imn");
                assertThat(group.get(2).litellmParams().rpm()).isNull();
                assertThat(group.get(2).litellmParams().model()).isEqualTo("openrouter/gpt-3.5-turbo");
                assertThat(c.deployments("mistral-7b-instruct")).hasSize(1);
                assertThat(c.environmentVariables())
                    .containsExactly(
                        Map.entry("REDIS_HOST", "localhost"),
                        Map.entry("REDIS_PASSWORD", "eYVX71"),
                        Map.entry("REDIS_PORT", "6329"));
                assertThat(c.environment()).containsEntry("REDIS_PORT", "6329").containsEntry("REDIS_HOST", "localhost");
              }),
          Map.entry(
              "azure_config.yaml",
              c -> {
                assertThat(c.modelList()).hasSize(2);
                LitellmParams p = c.modelList().get(0).litellmParams();
                assertThat(p.model()).isEqualTo("azure/chatgpt-v-2");
                assertThat(p.tpm()).isEqualTo(20_000L);
                assertThat(p.apiKey()).isEqualTo("azure-key-from-test-env");
                assertThat(p.apiVersion()).isEqualTo("2023-05-15");
                assertThat(p.timeout()).isEqualTo(5.0);
                assertThat(p.streamTimeout()).isEqualTo(0.5);
                assertThat(p.maxRetries()).isEqualTo(4);
                assertThat(p.extra()).isEmpty();
                assertThat(c.modelList().get(1).litellmParams().tpm()).isEqualTo(100_000L);
              }),
          Map.entry(
              "azure_config_with_tpm.yaml",
              c -> {
                assertThat(c.deployments("gpt-3.5-turbo"))
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d.litellmParams().tpm()).isEqualTo(80_000L));
                assertThat(c.modelList().get(1).litellmParams().apiKey()).isEqualTo("9kj");
              }),
          Map.entry(
              "aliases_config.yaml",
              c -> {
                assertThat(c.modelList()).extracting(DeploymentConfig::modelName).containsExactly("text-davinci-003", "gpt-4", "gpt-3.5-turbo");
                LitellmParams p = c.deployments("gpt-3.5-turbo").get(0).litellmParams();
                assertThat(p.model()).isEqualTo("ollama/llama2");
                assertThat(p.extra()).containsOnlyKeys("temperature", "max_tokens");
                assertThat(p.extra().get("temperature").doubleValue()).isEqualTo(0.1);
                assertThat(p.extra().get("max_tokens").intValue()).isEqualTo(20);
              }),
          Map.entry(
              "multi_instance_simple_config.yaml",
              c -> {
                assertThat(c.modelList().get(0).litellmParams().apiBase()).isEqualTo("http://127.0.0.1:9/v1");
                assertThat(c.litellmSettings().cache()).isTrue();
                assertThat(c.litellmSettings().cacheParams().get("type").asText()).isEqualTo("redis");
              }),
          Map.entry(
              "spend_tracking_config.yaml",
              c -> {
                assertThat(c.generalSettings().extra().get("use_redis_transaction_buffer").booleanValue()).isTrue();
                assertThat(c.litellmSettings().cacheParams().get("supported_call_types").isEmpty()).isTrue();
              }),
          Map.entry(
              "store_model_db_config.yaml",
              c -> {
                assertThat(c.generalSettings().extra())
                    .containsKeys("store_model_in_db", "custom_team_metadata_validate", "team_metadata_validation_timeout");
                assertThat(c.generalSettings().extra().get("team_metadata_validation_timeout").intValue()).isEqualTo(5);
              }),
          Map.entry(
              "enterprise_config.yaml",
              c -> {
                DeploymentConfig d = c.modelList().get(0);
                assertThat(d.litellmParams().tags()).containsExactly("teamA");
                assertThat(d.modelInfo().id()).isEqualTo("team-a-model");
                assertThat(c.litellmSettings().callbacks().get(0).asText()).isEqualTo("prometheus");
                assertThat(c.routerSettings().extra().get("enable_tag_filtering").booleanValue()).isTrue();
              }),
          Map.entry(
              "prometheus_test_config.yaml",
              c -> {
                assertThat(c.litellmSettings().cache()).isTrue();
                assertThat(c.litellmSettings().callbacks().get(0).asText()).isEqualTo("otel");
                assertThat(c.litellmSettings().extra()).containsKeys("success_callback", "failure_callback");
              }),
          Map.entry(
              "otel_test_config.yaml",
              c -> {
                List<DeploymentConfig> group = c.deployments("fake-openai-endpoint");
                assertThat(group).extracting(d -> d.modelInfo().id()).containsExactly("team-a-model", "team-b-model");
                assertThat(group).extracting(d -> d.litellmParams().tags()).containsExactly(List.of("teamA"), List.of("teamB"));
                assertThat(c.deployments("rerank-english-v3.0").get(0).litellmParams().apiKey()).isEqualTo("cohere");
                assertThat(c.deployments("llava-hf").get(0).modelInfo().get("supports_vision").booleanValue()).isTrue();
                assertThat(c.guardrails()).hasSize(6);
                JsonNode aporia = c.guardrails().get(0);
                assertThat(aporia.get("guardrail_name").asText()).isEqualTo("aporia-pre-guard");
                assertThat(aporia.at("/litellm_params/api_key").asText()).isEqualTo("aporia1");
                assertThat(aporia.at("/litellm_params/api_base").asText()).isEqualTo("https://aporia1.invalid");
                assertThat(c.guardrails())
                    .anySatisfy(g -> assertThat(g.at("/litellm_params/guardrailVersion").asText()).isEqualTo("DRAFT"));
              }),
          Map.entry(
              "pass_through_config.yaml",
              c -> {
                assertThat(c.deployments("anthropic/*")).singleElement()
                    .satisfies(d -> {
                      assertThat(d.litellmParams().model()).isEqualTo("anthropic/*");
                      assertThat(d.litellmParams().apiKey()).isEqualTo("anthropic-key");
                    });
                assertThat(c.deployments("openai/*").get(0).litellmParams().apiKey()).isEqualTo("openai-key");
                assertThat(c.deployments("claude-sonnet-4-5-20250929")).hasSize(2);
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-master-from-env");
                JsonNode endpoint = c.generalSettings().extra().get("pass_through_endpoints").get(0);
                assertThat(endpoint.get("target").asText()).isEqualTo("https://azure.example.invalid");
                assertThat(endpoint.at("/headers/Authorization").asText()).isEqualTo("azure-key-from-test-env");
                assertThat(c.litellmSettings().extra().get("include_cost_in_streaming_usage").booleanValue()).isTrue();
              }),
          Map.entry(
              "oai_misc_config.yaml",
              c -> {
                assertThat(c.deployments("*").get(0).litellmParams().model()).isEqualTo("openai/*");
                assertThat(c.deployments("groq/*").get(0).litellmParams().apiKey()).isEqualTo("groq-key");
                DeploymentConfig batch = c.modelList().get(4);
                assertThat(batch.modelInfo().mode()).isEqualTo("batch");
                assertThat(batch.litellmParams().extra().get("s3_secret_access_key").asText()).isEqualTo("aws-secret");
                assertThat(c.modelList().get(0).modelInfo().id()).isEqualTo("1");
                assertThat(c.modelList().get(0).litellmParams().extra().get("region_name").asText()).isEqualTo("eu");
                assertThat(c.litellmSettings().dropParams()).isTrue();
                assertThat(c.litellmSettings().numRetries()).isEqualTo(5);
                assertThat(c.litellmSettings().requestTimeout()).isEqualTo(600.0);
                assertThat(c.litellmSettings().contextWindowFallbacks().get(0).get("gpt-5-mini").get(0).asText()).isEqualTo("gpt-5.5");
                assertThat(c.litellmSettings().extra().get("default_team_settings").get(1).get("langfuse_secret").asText())
                    .isEqualTo("lf2-sec");
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-1234");
              }),
          Map.entry(
              "guardrails_eu_ai_act.yaml",
              c -> {
                assertThat(c.guardrails()).singleElement()
                    .satisfies(g -> assertThat(g.at("/litellm_params/categories/0/action").asText()).isEqualTo("BLOCK"));
              }),
          Map.entry(
              "disable_schema_update.yaml",
              c -> {
                assertThat(c.modelList()).hasSize(2);
                assertThat(c.litellmSettings().callbacks().get(0).asText()).isEqualTo("gcs_bucket");
                assertThat(c.generalSettings().extra().get("disable_prisma_schema_update").booleanValue()).isTrue();
              }),
          Map.entry(
              "reject_metadata_tags_config.yaml",
              c -> {
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-1234");
                assertThat(c.generalSettings().databaseUrl()).isEqualTo("postgresql://user:password@localhost:5432/litellm");
                assertThat(c.generalSettings().extra().get("reject_metadata_tags").booleanValue()).isTrue();
                assertThat(c.generalSettings().toString()).doesNotContain("password").doesNotContain("sk-1234");
              }),
          Map.entry(
              "proxy_server_config.yaml",
              c -> {
                assertThat(c.modelList()).hasSize(19);
                assertThat(c.deployments("gpt-3.5-turbo-end-user-test")).hasSize(2);
                LitellmParams large = c.deployments("gpt-3.5-turbo-large").get(0).litellmParams();
                assertThat(large.rpm()).isEqualTo(480L);
                assertThat(large.timeout()).isEqualTo(300.0);
                assertThat(large.streamTimeout()).isEqualTo(60.0);
                assertThat(c.deployments("dall-e-2").get(0).litellmParams().apiVersion()).isEqualTo("2023-06-01-preview");
                assertThat(c.deployments("text-embedding-ada-002").get(0).modelInfo().baseModel())
                    .isEqualTo("text-embedding-ada-002");
                assertThat(c.routerSettings().routingStrategy()).isEqualTo("usage-based-routing-v2");
                assertThat(c.routerSettings().extra().get("redis_port").asText()).isEqualTo("6380");
                assertThat(c.routerSettings().modelGroupAlias().get("my-special-fake-model-alias-name").asText())
                    .isEqualTo("fake-openai-endpoint-3");
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-1234");
                assertThat(c.generalSettings().databaseUrl()).isNull();
              }),
          Map.entry(
              "docs-configs-quick-start.yaml",
              c -> {
                List<DeploymentConfig> group = c.deployments("gpt-4o");
                assertThat(group).extracting(d -> d.litellmParams().apiKey()).containsExactly("azure-eu", "azure-ca");
                assertThat(group).extracting(d -> d.litellmParams().rpm()).containsExactly(6L, 6L);
                assertThat(c.deployments("*").get(0).litellmParams().model()).isEqualTo("*");
                assertThat(c.deployments("vllm-models").get(0).modelInfo().get("version").intValue()).isEqualTo(2);
                assertThat(c.deployments("anthropic-claude").get(0).litellmParams().extra().get("aws_region_name").asText())
                    .isEqualTo("us-east-1");
                assertThat(c.generalSettings().extra().get("alerting").get(0).asText()).isEqualTo("slack");
              }),
          Map.entry(
              "docs-configs-load-balancing.yaml",
              c -> {
                assertThat(c.deployments("zephyr-beta")).extracting(d -> d.litellmParams().rpm()).containsExactly(60L, 600L, 60000L);
                assertThat(c.deployments("zephyr-beta").get(0).litellmParams().tpm()).isEqualTo(1000L);
                assertThat(c.litellmSettings().numRetries()).isEqualTo(3);
                assertThat(c.litellmSettings().requestTimeout()).isEqualTo(10.0);
                assertThat(c.litellmSettings().fallbacks().get(0).get("zephyr-beta").get(0).asText()).isEqualTo("gpt-4o");
                assertThat(c.routerSettings().routingStrategy()).isEqualTo("simple-shuffle");
                assertThat(c.routerSettings().numRetries()).isEqualTo(2);
                assertThat(c.routerSettings().timeout()).isEqualTo(30.0);
                assertThat(c.routerSettings().modelGroupAlias().get("gpt-4").asText()).isEqualTo("gpt-4o");
                assertThat(c.routerSettings().extra().get("redis_host").asText()).isEqualTo("<your redis host>");
              }),
          Map.entry(
              "docs-prod-config.yaml",
              c -> {
                assertThat(c.generalSettings().masterKey()).isEqualTo("sk-1234");
                assertThat(c.generalSettings().extra().get("proxy_batch_write_at").intValue()).isEqualTo(60);
                assertThat(c.litellmSettings().requestTimeout()).isEqualTo(600.0);
                assertThat(c.litellmSettings().setVerbose()).isFalse();
              }),
          Map.entry(
              "docs-prod-redis.yaml",
              c -> {
                assertThat(c.modelList()).isEmpty();
                assertThat(c.routerSettings().extra().get("redis_host").asText()).isEqualTo("redis.test");
                assertThat(c.litellmSettings().cacheParams().get("port").asText()).isEqualTo("6380");
                assertThat(c.litellmSettings().cacheParams().get("password").asText()).isEqualTo("redis-pw");
              }),
          Map.entry(
              "docs-guardrails-quick-start.yaml",
              c -> {
                assertThat(c.guardrails()).hasSize(3);
                JsonNode aim = c.guardrails().get(0);
                assertThat(aim.at("/litellm_params/mode").isArray()).isTrue();
                assertThat(aim.at("/litellm_params/mode/1").asText()).isEqualTo("post_call");
                assertThat(aim.at("/litellm_params/api_key").asText()).isEqualTo("aim");
                assertThat(c.guardrails().get(1).at("/litellm_params/mode").asText()).isEqualTo("during_call");
                assertThat(c.guardrails().get(2).at("/guardrail_info/params/0/name").asText()).isEqualTo("toxicity_score");
              }));
}
