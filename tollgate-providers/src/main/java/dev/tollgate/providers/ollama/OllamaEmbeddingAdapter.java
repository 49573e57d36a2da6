package dev.tollgate.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.translate.RequestDefaults;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings through Ollama's {@code /api/embed}: {@code input} (a string or strings) and {@code dimensions} as they
 * are, Ollama's {@code truncate}, {@code keep_alive} and {@code options} passed through; the reply's
 * {@code embeddings} become OpenAI's data list and {@code prompt_eval_count} the usage. Vectors are always float
 * arrays: Ollama has no base64 form and the reply does not say what the client asked for, so a request for
 * {@code encoding_format: base64} is answered with floats (the OpenAI SDKs, which ask for base64 by default, read
 * both).
 */
final class OllamaEmbeddingAdapter implements EmbeddingAdapter {
  private static final List<String> PASSED = List.of("truncate", "keep_alive", "options");
  private final String provider;

  OllamaEmbeddingAdapter(String provider) {
    this.provider = provider;
  }

  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    JsonNode input = request.input();
    boolean text = input != null && (input.isTextual() || (input.isArray() && !input.isEmpty()
        && allText(input)));
    if (!text) {
      throw new BadRequestException(provider + " embeds text only: input must be a string or an array of strings",
          provider, target.model());
    }
    ObjectNode body = Json.object();
    body.put("model", target.model());
    body.set("input", input);
    if (request.dimensions() != null) {
      body.put("dimensions", request.dimensions());
    }
    ObjectNode extras = Json.object();
    request.extra().forEach(extras::set);
    RequestDefaults.apply(extras, target);
    for (String name : PASSED) {
      if (extras.has(name)) {
        body.set(name, extras.get(name));
      }
    }
    return OllamaEndpoint.post(OllamaEndpoint.EMBED, Json.write(body), target);
  }

  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    JsonNode root = OllamaChatAdapter.parse(reply, provider, target);
    JsonNode vectors = root.path("embeddings");
    if (!vectors.isArray()) {
      throw new InternalServerException(provider + "'s embed reply has no embeddings", provider, target.model());
    }
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    int i = 0;
    for (JsonNode vector : vectors) {
      data.add(new EmbeddingResponse.Embedding("embedding", i++, vector, null));
    }
    int tokens = root.path("prompt_eval_count").asInt(0);
    return new EmbeddingResponse("list", data, target.model(), new Usage(tokens, null, tokens, null), null);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return OllamaErrors.fromReply(reply, provider, target.model());
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
