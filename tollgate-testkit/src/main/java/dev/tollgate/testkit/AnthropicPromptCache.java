package dev.tollgate.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's prompt cache for Anthropic requests: the prompt up to the last {@code cache_control} breakpoint is
 * written to the cache the first time it is seen ({@code cache_creation_input_tokens}) and read on every later request
 * with the same prefix ({@code cache_read_input_tokens}); the rest is {@code input_tokens}. Entries never expire;
 * {@link FakeUpstream#reset()} empties it. Thread safe.
 */
final class AnthropicPromptCache {
  private final Set<String> prefixes = ConcurrentHashMap.newKeySet();

  /** Input-side usage: uncached input, cache reads and cache writes, in tokens. */
  record InputUsage(int input, int cacheRead, int cacheCreation) {}

  InputUsage usage(List<AnthropicMessageBodies.PromptPart> parts) {
    int last = -1;
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).breakpoint()) {
        last = i;
      }
    }
    int total = 0;
    int prefixTokens = 0;
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      int tokens = TokenEstimate.of(parts.get(i).text());
      total += tokens;
      if (i <= last) {
        prefixTokens += tokens;
        prefix.append(parts.get(i).text()).append('\u0000');
      }
    }
    if (last < 0) {
      return new InputUsage(total, 0, 0);
    }
    boolean fresh = prefixes.add(prefix.toString());
    return fresh
        ? new InputUsage(total - prefixTokens, 0, prefixTokens)
        : new InputUsage(total - prefixTokens, prefixTokens, 0);
  }

  void clear() {
    prefixes.clear();
  }
}
