package dev.tollgate.gateway.http;

import io.vertx.core.buffer.Buffer;

/**
 * What a relayed stream looks like at its edges, per API: the bytes that end a complete stream and the event that
 * reports a failure after the stream started. OpenAI's end with {@code data: [DONE]} and report a failure as a
 * {@code data:} error object; Anthropic's end with the relay's closing events and report an {@code event: error}.
 */
interface StreamFormat {
  /** The bytes written after the last relayed frame of a complete stream. */
  Buffer end();

  /** The event that ends a stream that failed after it started. */
  Buffer error(Throwable error);

  /** OpenAI's chat-completions stream. */
  StreamFormat OPENAI = new StreamFormat() {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public Buffer end() {
      return Buffer.buffer(DONE);
    }

    @Override
    public Buffer error(Throwable error) {
      return ErrorResponses.streamEvent(error);
    }
  };
}
