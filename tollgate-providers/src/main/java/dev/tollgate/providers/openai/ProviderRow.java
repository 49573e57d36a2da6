package dev.tollgate.providers.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One OpenAI-compatible provider, as a row of {@code openai-compatible-providers.json}.
 *
 * @param id the model-string prefix, e.g. {@code groq}
 * @param baseUrl default api_base; null when the user must give one (hosted_vllm)
 * @param apiKeyEnv environment variables tried in order for the key
 * @param apiBaseEnv environment variable that overrides the default base URL
 * @param authHeader header that carries the key ({@code authorization} by default)
 * @param authScheme prefix before the key in that header ({@code Bearer } by default; empty for Azure's api-key)
 * @param chatPath path after the base for chat, {@code {model}} is replaced by the model name
 * @param embeddingsPath path after the base for embeddings; null when the provider has none
 * @param modelInBody whether the body carries {@code model} (Azure takes it from the path)
 * @param apiVersion query parameter with an API version (Azure), or null
 * @param unsupportedParams request fields the provider rejects
 * @param paramMappings request fields the provider knows under another name
 * @param keyRequired whether a call without a key is refused before sending (false for local servers)
 * @param headers fixed headers sent with every call (a deployment's own headers win), e.g. Azure AI's
 *     {@code extra-parameters}
 */
public record ProviderRow(
    String id,
    @JsonProperty("base_url") String baseUrl,
    @JsonProperty("api_key_env") List<String> apiKeyEnv,
    @JsonProperty("api_base_env") String apiBaseEnv,
    @JsonProperty("auth_header") String authHeader,
    @JsonProperty("auth_scheme") String authScheme,
    @JsonProperty("chat_path") String chatPath,
    @JsonProperty("embeddings_path") String embeddingsPath,
    @JsonProperty("model_in_body") Boolean modelInBody,
    @JsonProperty("api_version") ApiVersion apiVersion,
    @JsonProperty("unsupported_params") List<String> unsupportedParams,
    @JsonProperty("param_mappings") Map<String, String> paramMappings,
    @JsonProperty("key_required") Boolean keyRequired,
    Map<String, String> headers,
    String docs) {

  public ProviderRow {
    apiKeyEnv = apiKeyEnv == null ? List.of() : List.copyOf(apiKeyEnv);
    authHeader = authHeader == null ? "authorization" : authHeader;
    authScheme = authScheme == null ? "Bearer " : authScheme;
    chatPath = chatPath == null ? "/chat/completions" : chatPath;
    modelInBody = modelInBody == null ? Boolean.TRUE : modelInBody;
    unsupportedParams = unsupportedParams == null ? List.of() : List.copyOf(unsupportedParams);
    paramMappings = paramMappings == null ? Map.of() : Map.copyOf(paramMappings);
    keyRequired = keyRequired == null ? Boolean.TRUE : keyRequired;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A row without fixed headers (the form rows had before {@code headers} existed). */
  public ProviderRow(String id, String baseUrl, List<String> apiKeyEnv, String apiBaseEnv, String authHeader,
      String authScheme, String chatPath, String embeddingsPath, Boolean modelInBody, ApiVersion apiVersion,
      List<String> unsupportedParams, Map<String, String> paramMappings, Boolean keyRequired, String docs) {
    this(id, baseUrl, apiKeyEnv, apiBaseEnv, authHeader, authScheme, chatPath, embeddingsPath, modelInBody,
        apiVersion, unsupportedParams, paramMappings, keyRequired, null, docs);
  }

  /** An API-version query parameter: its name, the default value, and the variable that overrides it. */
  public record ApiVersion(String query, @JsonProperty("default") String defaultValue, String env) {}
}
