package dev.tollgate.core.transport;

import java.io.InputStream;

/** The head of a streamed reply and its body, read as it arrives; closing the body cancels the request. */
public record StreamingReply(int status, java.util.Map<String, java.util.List<String>> headers, InputStream body) {}
