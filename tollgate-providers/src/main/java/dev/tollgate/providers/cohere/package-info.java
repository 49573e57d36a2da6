/**
 * Cohere's native API (v2): chat ({@code POST /v2/chat}, JSON or SSE stream) and embeddings ({@code POST /v2/embed}),
 * translated to and from OpenAI's format. The endpoint, auth and error pieces are shared so another Cohere endpoint
 * (rerank) can be added as one more adapter in this package.
 */
package dev.tollgate.providers.cohere;
