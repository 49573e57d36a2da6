package dev.tollgate.providers.openai;

import static dev.tollgate.providers.Fixtures.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.Fixtures;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import java.io.InputStream;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of openai-compatible-providers.json builds a correct request. */
class ProviderRowsTest {
  static final String MODEL = "org/some-model-v1";

  static List<ProviderRow> rows() {
    return List.copyOf(OpenAiCompatibleProviders.rows().values());
  }

  static String givenBase(ProviderRow row) {
    return "https://" + row.id().replace('_', '-') + ".example.test/v1";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rowBuildsACorrectChatRequest(ProviderRow row) throws Exception {
    OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(row);
    Map<String, String> env = row.apiKeyEnv().isEmpty() ? Map.of() : Map.of(row.apiKeyEnv().get(0), "key-" + row.id());
    CallTarget target = CallTarget.of(row.id(), MODEL);
    if (row.baseUrl() == null) {
      target = target.withApiBase(givenBase(row));
    }
    CallTarget resolved = adapter.resolve(target, env);

    byte[] fixture = Fixtures.bytes("openai/rows/request.json");
    ChatRequest request = Json.read(fixture, ChatRequest.class);
    HttpCall call = adapter.chat().chatCall(request, resolved);

    String base = row.baseUrl() == null ? givenBase(row) : row.baseUrl();
    String expectedUrl = base + row.chatPath().replace("{model}", "org%2Fsome-model-v1");
    if (row.apiVersion() != null) {
      expectedUrl += "?" + row.apiVersion().query() + "=" + row.apiVersion().defaultValue();
    }
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.url()).isEqualTo(expectedUrl);
    assertThat(URI.create(call.url()).getScheme()).isIn("http", "https");
    assertThat(call.headers()).containsEntry("content-type", "application/json");
    if (!row.apiKeyEnv().isEmpty()) {
      assertThat(call.headers()).containsEntry(row.authHeader(), row.authScheme() + "key-" + row.id());
    }
    assertThat(call.timeout()).isEqualTo(CallTarget.DEFAULT_TIMEOUT);

    ObjectNode expectedBody = (ObjectNode) Json.tree(fixture);
    if (row.modelInBody()) {
      expectedBody.put("model", MODEL);
    } else {
      expectedBody.remove("model");
    }
    JsonNode body = Json.tree(call.body());
    assertJsonEquals(body, expectedBody);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rowResolvesItsKeyFromEveryListedVariableInOrder(ProviderRow row) {
    OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter(row);
    for (int i = 0; i < row.apiKeyEnv().size(); i++) {
      Map<String, String> env = new java.util.HashMap<>();
      for (int j = i; j < row.apiKeyEnv().size(); j++) {
        env.put(row.apiKeyEnv().get(j), "key" + j);
      }
      assertThat(adapter.resolve(CallTarget.of(row.id(), MODEL), env).apiKey()).isEqualTo("key" + i);
    }
  }

  @Test
  void atLeast25Rows() {
    assertThat(OpenAiCompatibleProviders.rows()).hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void rowIdsAreUniqueInTheFile() throws Exception {
    try (InputStream in = OpenAiCompatibleProviders.class.getResourceAsStream(OpenAiCompatibleProviders.RESOURCE)) {
      JsonNode file = Json.MAPPER.readTree(in);
      Set<String> ids = new HashSet<>();
      for (JsonNode row : file) {
        assertThat(ids.add(row.get("id").asText())).as("duplicate id %s", row.get("id")).isTrue();
      }
      assertThat(ids).hasSize(OpenAiCompatibleProviders.rows().size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void rowIsWellFormed(ProviderRow row) {
    assertThat(row.id()).matches("[a-z0-9_]+");
    if (row.baseUrl() != null) {
      URI uri = URI.create(row.baseUrl());
      assertThat(uri.getScheme()).isIn("http", "https");
      assertThat(uri.getHost()).isNotBlank();
      assertThat(row.baseUrl()).doesNotEndWith("/");
    }
    assertThat(row.chatPath()).startsWith("/");
    if (row.embeddingsPath() != null) {
      assertThat(row.embeddingsPath()).startsWith("/");
    }
    if (row.keyRequired()) {
      assertThat(row.apiKeyEnv()).as("a key_required row names its key variable").isNotEmpty();
    }
    assertThat(row.apiBaseEnv()).as("every row can be pointed elsewhere").isNotBlank();
    assertThat(new HashSet<>(row.apiKeyEnv())).hasSameSizeAs(row.apiKeyEnv());
  }

  @Test
  void requiredRowsExist() {
    assertThat(OpenAiCompatibleProviders.rows()).containsKeys(
        "openai", "azure", "groq", "together_ai", "fireworks_ai", "deepseek", "xai", "mistral", "openrouter",
        "perplexity", "deepinfra", "cerebras", "nvidia_nim", "sambanova", "hosted_vllm", "lm_studio",
        "github", "novita", "hyperbolic", "nebius", "featherless_ai", "lambda_ai", "friendliai", "dashscope");
  }

  /** Default base URLs and first key variables as LiteLLM has them (litellm-contract.md section 12). */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      openai         | https://api.openai.com/v1                              | OPENAI_API_KEY
      groq           | https://api.groq.com/openai/v1                         | GROQ_API_KEY
      deepinfra      | https://api.deepinfra.com/v1/openai                    | DEEPINFRA_API_KEY
      perplexity     | https://api.perplexity.ai                              | PERPLEXITYAI_API_KEY
      mistral        | https://api.mistral.ai/v1                              | MISTRAL_API_KEY
      codestral      | https://codestral.mistral.ai/v1                        | CODESTRAL_API_KEY
      deepseek       | https://api.deepseek.com/beta                          | DEEPSEEK_API_KEY
      together_ai    | https://api.together.xyz/v1                            | TOGETHER_API_KEY
      fireworks_ai   | https://api.fireworks.ai/inference/v1                  | FIREWORKS_AI_API_KEY
      xai            | https://api.x.ai/v1                                    | XAI_API_KEY
      nvidia_nim     | https://integrate.api.nvidia.com/v1                    | NVIDIA_NIM_API_KEY
      cerebras       | https://api.cerebras.ai/v1                             | CEREBRAS_API_KEY
      sambanova      | https://api.sambanova.ai/v1                            | SAMBANOVA_API_KEY
      meta_llama     | https://api.llama.com/compat/v1                        | LLAMA_API_KEY
      nebius         | https://api.studio.nebius.ai/v1                        | NEBIUS_API_KEY
      ai21_chat      | https://api.ai21.com/studio/v1                         | AI21_API_KEY
      volcengine     | https://ark.cn-beijing.volces.com/api/v3               | VOLCENGINE_API_KEY
      friendliai     | https://api.friendli.ai/serverless/v1                  | FRIENDLIAI_API_KEY
      github         | https://models.inference.ai.azure.com                  | GITHUB_API_KEY
      novita         | https://api.novita.ai/v3/openai                        | NOVITA_API_KEY
      featherless_ai | https://api.featherless.ai/v1                          | FEATHERLESS_AI_API_KEY
      nscale         | https://inference.api.nscale.com/v1                    | NSCALE_API_KEY
      dashscope      | https://dashscope-intl.aliyuncs.com/compatible-mode/v1 | DASHSCOPE_API_KEY
      moonshot       | https://api.moonshot.ai/v1                             | MOONSHOT_API_KEY
      lambda_ai      | https://api.lambda.ai/v1                               | LAMBDA_API_KEY
      hyperbolic     | https://api.hyperbolic.xyz/v1                          | HYPERBOLIC_API_KEY
      wandb          | https://api.inference.wandb.ai/v1                      | WANDB_API_KEY
      openrouter     | https://openrouter.ai/api/v1                           | OPENROUTER_API_KEY
      hosted_vllm    | -                                                      | HOSTED_VLLM_API_KEY
      litellm_proxy  | -                                                      | LITELLM_PROXY_API_KEY
      llamafile      | http://127.0.0.1:8080/v1                               | LLAMAFILE_API_KEY
      xinference     | http://127.0.0.1:9997/v1                               | XINFERENCE_API_KEY
      sarvam         | https://api.sarvam.ai/v1                               | SARVAM_API_KEY
      """)
  void rowMatchesLiteLlm(String id, String baseUrl, String keyEnv) {
    ProviderRow row = OpenAiCompatibleProviders.row(id).orElseThrow();
    assertThat(row.baseUrl()).isEqualTo(baseUrl);
    assertThat(row.apiKeyEnv().get(0)).isEqualTo(keyEnv);
  }

  @Test
  void githubDoesNotPickUpACiGithubToken() {
    ProviderRow row = OpenAiCompatibleProviders.row("github").orElseThrow();
    assertThat(row.apiKeyEnv()).containsExactly("GITHUB_API_KEY");
  }
}
