package dev.tollgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fake's deterministic token count: one token per started group of 4 characters (code points) of text. Prompt
 * tokens are the sum over the request's messages of their text (string content or text parts).
 */
public final class TokenEstimate {
  private TokenEstimate() {}

  /** Tokens in {@code text}: ceil(codePoints / 4); 0 for null or empty. */
  public static int of(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int cps = text.codePointCount(0, text.length());
    return (cps + 3) / 4;
  }

  /** Prompt tokens of a chat request body: the sum of {@link #of} over every message's text. */
  public static int prompt(JsonNode chatRequest) {
    int total = 0;
    for (JsonNode message : chatRequest.path("messages")) {
      total += of(RequestText.contentText(message.get("content")));
    }
    return total;
  }
}
