package dev.tollgate.providers.anthropic.inbound;

import dev.tollgate.providers.spi.ChatStreamRelay;
import java.util.List;

/**
 * A relay whose output is Anthropic's SSE event sequence rather than OpenAI's. Anthropic streams have no
 * {@code [DONE]} marker; instead a relay may owe closing events once the upstream is complete ({@link #finish}).
 */
public interface MessagesStreamRelay extends ChatStreamRelay {
  /** The frames that end the client's stream after the upstream completed; empty when the upstream sent them. */
  List<byte[]> finish();
}
