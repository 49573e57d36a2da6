package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.StreamMasking;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps conversations on topic by keyword: blocks ({@code TOPIC_NOT_ALLOWED}) when allowed topics are configured and
 * none of their keywords appear in any text, and blocks ({@code DENIED_TOPIC}) when any denied topic's keyword does.
 * Keywords match case-insensitively as whole words ({@link WordSet}). The same mechanism restricts
 * languages: an "allowed language" is a topic whose keywords are that language's common words.
 */
public final class TopicFilter implements Guardrail {
  private final List<WordSet> allowed;
  private final Map<String, WordSet> denied;

  /** @param allowed topic name to keywords (any one suffices); @param denied topic name to keywords */
  public TopicFilter(Map<String, List<String>> allowed, Map<String, List<String>> denied) {
    List<WordSet> a = new ArrayList<>();
    allowed.values().forEach(words -> a.add(new WordSet(words, true)));
    this.allowed = List.copyOf(a);
    Map<String, WordSet> d = new LinkedHashMap<>();
    denied.forEach((topic, words) -> d.put(topic, new WordSet(words, true)));
    this.denied = d;
  }

  /** Only blocks. */
  @Override
  public StreamMasking streamMasking() {
    return StreamMasking.NEVER;
  }

  @Override
  public Verdict check(List<String> texts) {
    for (Map.Entry<String, WordSet> topic : denied.entrySet()) {
      for (String t : texts) {
        if (t != null && topic.getValue().find(t, null, null, true)) {
          return new Verdict.Blocked(List.of("DENIED_TOPIC:" + topic.getKey()));
        }
      }
    }
    if (allowed.isEmpty()) {
      return Verdict.PASS;
    }
    for (WordSet words : allowed) {
      for (String t : texts) {
        if (t != null && words.find(t, null, null, true)) {
          return Verdict.PASS;
        }
      }
    }
    return new Verdict.Blocked(List.of("TOPIC_NOT_ALLOWED"));
  }
}
