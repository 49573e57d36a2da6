package dev.tollgate.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.spi.AccessTokenRequest;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code vertex_ai/<model>}: Google Cloud Vertex AI. Gemini models go to the {@code google} publisher with the Gemini
 * transforms; Claude models to the {@code anthropic} publisher through the anthropic adapter
 * ({@link VertexAnthropicChat}). Project and location are the deployment's {@code vertex_project} and
 * {@code vertex_location} ({@link CallTarget#settings()}), else {@code VERTEXAI_PROJECT} / {@code VERTEXAI_LOCATION};
 * the location defaults to {@code us-central1}. Calls carry an OAuth2 access token: the deployment's api_key when
 * set (an already fetched token), else one the transport gets for {@link #accessToken} from
 * {@code vertex_credentials} (a service-account JSON file path or the JSON itself), else
 * {@code GOOGLE_APPLICATION_CREDENTIALS}, else Google's application default credentials.
 */
public final class VertexAiAdapter implements Provider {
  public static final String NAME = "vertex_ai";
  public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
  private final VertexChat chat;
  private final VertexEmbeddings embeddings = new VertexEmbeddings();

  /** @param anthropic finds the anthropic provider whose transforms Claude models use (empty: not available) */
  public VertexAiAdapter(Supplier<Optional<Provider>> anthropic) {
    this.chat = new VertexChat(new VertexAnthropicChat(anthropic));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    Map<String, JsonNode> settings = new LinkedHashMap<>(target.settings());
    fill(settings, VertexLocation.PROJECT, env, "VERTEXAI_PROJECT", "VERTEX_PROJECT", "GOOGLE_CLOUD_PROJECT");
    fill(settings, VertexLocation.LOCATION, env, "VERTEXAI_LOCATION", "VERTEX_LOCATION");
    fill(settings, VertexLocation.CREDENTIALS, env, "VERTEXAI_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS");
    if (!settings.containsKey(VertexLocation.PROJECT)) {
      String fromJson = projectOfInlineCredentials(settings.get(VertexLocation.CREDENTIALS));
      if (fromJson != null) {
        settings.put(VertexLocation.PROJECT, TextNode.valueOf(fromJson));
      }
    }
    return target.withSettings(settings);
  }

  /** A token request unless the target already carries a token (api_key). */
  @Override
  public Optional<AccessTokenRequest> accessToken(CallTarget target) {
    if (target.apiKey() != null && !target.apiKey().isBlank()) {
      return Optional.empty();
    }
    String credentials = target.setting(VertexLocation.CREDENTIALS);
    boolean inline = credentials != null && credentials.strip().startsWith("{");
    return Optional.of(new AccessTokenRequest(AccessTokenRequest.GOOGLE, inline ? credentials : null,
        inline || credentials == null || credentials.isBlank() ? null : credentials, List.of(SCOPE)));
  }

  @Override
  public ChatAdapter chat() {
    return chat;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return Optional.of(embeddings);
  }

  private static void fill(Map<String, JsonNode> settings, String name, Map<String, String> env, String... vars) {
    JsonNode own = settings.get(name);
    if (own != null && !own.isNull() && !(own.isTextual() && own.asText().isBlank())) {
      return;
    }
    for (String var : vars) {
      String value = env.get(var);
      if (value != null && !value.isBlank()) {
        settings.put(name, TextNode.valueOf(value));
        return;
      }
    }
  }

  /** The {@code project_id} of credentials given inline as JSON (a file is not read here: that is I/O). */
  private static String projectOfInlineCredentials(JsonNode credentials) {
    if (credentials == null) {
      return null;
    }
    JsonNode json = credentials.isObject() ? credentials : null;
    if (json == null && credentials.isTextual() && credentials.asText().strip().startsWith("{")) {
      try {
        json = Json.MAPPER.readTree(credentials.asText());
      } catch (Exception notJson) {
        return null;
      }
    }
    return json == null ? null : json.path("project_id").asText(null);
  }
}
