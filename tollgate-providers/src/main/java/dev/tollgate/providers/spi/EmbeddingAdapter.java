package dev.tollgate.providers.spi;

import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;

/** Embeddings for one provider, as pure transforms. */
public interface EmbeddingAdapter {
  HttpCall embeddingCall(EmbeddingRequest request, CallTarget target);

  EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target);

  ProviderException error(HttpReply reply, CallTarget target);

  /** The body a gateway answers with; OpenAI-format providers return the upstream bytes unchanged. */
  default byte[] embeddingResponseBytes(HttpReply reply, CallTarget target) {
    return Json.write(embeddingResponse(reply, target));
  }
}
