package dev.tollgate.providers.spi;

import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;

/** Embeddings for one provider, as pure transforms. */
public interface EmbeddingAdapter {
  HttpCall embeddingCall(EmbeddingRequest request, CallTarget target);

  EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target);

  ProviderException error(HttpReply reply, CallTarget target);
}
