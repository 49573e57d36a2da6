/**
 * Ollama's native API: chat ({@code POST /api/chat}, JSON or an NDJSON stream) and embeddings
 * ({@code POST /api/embed}), translated to and from OpenAI's format. Registered as {@code ollama/} and
 * {@code ollama_chat/}, as LiteLLM has both prefixes.
 */
package dev.tollgate.providers.ollama;
