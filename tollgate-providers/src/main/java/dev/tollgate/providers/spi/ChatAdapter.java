package dev.tollgate.providers.spi;

import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.Json;

/** Chat completions for one provider, as pure transforms; a transport does the I/O. */
public interface ChatAdapter {
  /** Builds the HTTP request; throws a ProviderException (e.g. UnsupportedParams) for requests it cannot send. */
  HttpCall chatCall(ChatRequest request, CallTarget target);

  /**
   * Builds the HTTP request from the request body as parsed JSON, whose control fields ({@code ControlParams}) the
   * caller has already removed. The default binds it to a {@link ChatRequest}; adapters whose wire format is OpenAI's
   * edit the tree and write it, so a request is parsed once and never bound. The tree may be changed.
   */
  default HttpCall chatCall(com.fasterxml.jackson.databind.node.ObjectNode body, CallTarget target) {
    return chatCall(Json.convert(body, ChatRequest.class), target);
  }

  /**
   * True when {@link #chatCall(com.fasterxml.jackson.databind.node.ObjectNode, CallTarget)} edits the OpenAI body
   * itself rather than binding it, so a gateway that holds the parsed body should call that and never bind it.
   */
  default boolean takesOpenAiTree() {
    return false;
  }

  /** Parses a successful (2xx) non-streaming reply. */
  ChatResponse chatResponse(HttpReply reply, CallTarget target);

  /** A fresh decoder for a streaming reply with a 2xx status. */
  ChatStreamDecoder chatStream(CallTarget target);

  /** Maps an error reply (status 300 and above) to a typed exception. */
  ProviderException error(HttpReply reply, CallTarget target);

  /**
   * The body a gateway answers with for a successful reply: OpenAI's {@code chat.completion} JSON. Providers whose
   * replies already are that JSON return the upstream bytes unchanged, saving a parse and a write per request.
   */
  default byte[] chatResponseBytes(HttpReply reply, CallTarget target) {
    return Json.write(chatResponse(reply, target));
  }

  /**
   * True when the upstream streams OpenAI-format chunks and honours {@code stream_options.include_usage}, so that a
   * gateway may ask for the final usage chunk itself (and hide it with {@link ChatStreamRelay#hideUsageChunk}).
   */
  default boolean streamsOpenAiUsage() {
    return false;
  }

  /** The relay that turns a streaming reply into OpenAI SSE frames; by default decode and re-encode each chunk. */
  default ChatStreamRelay chatStreamRelay(CallTarget target) {
    return new TranslatingStreamRelay(chatStream(target));
  }
}
