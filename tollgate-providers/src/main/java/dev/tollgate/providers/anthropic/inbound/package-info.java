/**
 * The inbound direction of Anthropic's Messages API: a client speaks Anthropic's format ({@code POST /v1/messages})
 * and the request is served by any deployment. Sans-I/O transforms over the OpenAI-format types every adapter takes
 * and returns: {@link dev.tollgate.providers.anthropic.inbound.MessagesRequests} checks an Anthropic request and
 * translates it to a {@code ChatRequest}; {@link dev.tollgate.providers.anthropic.inbound.ChatToMessage} turns a
 * {@code ChatResponse} into an Anthropic message; {@link dev.tollgate.providers.anthropic.inbound.MessagesStreamEncoder}
 * turns {@code ChatChunk}s into Anthropic's SSE event sequence; {@link
 * dev.tollgate.providers.anthropic.inbound.PassthroughStreamRelay} relays an Anthropic deployment's own stream
 * unchanged while reading its usage; {@link dev.tollgate.providers.anthropic.inbound.AnthropicErrorBody} writes errors
 * in Anthropic's shape.
 *
 * <p>It lives here, next to the outbound Anthropic adapter, rather than in the gateway: it is pure data translation
 * over the providers' types (no Vert.x), it shares the adapter's wire knowledge (usage arithmetic, error types), and
 * the SDK can reuse it.
 */
package dev.tollgate.providers.anthropic.inbound;
