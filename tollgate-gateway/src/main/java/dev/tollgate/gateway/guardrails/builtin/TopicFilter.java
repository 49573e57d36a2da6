package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps conversations on topic by keyword: blocks ({@code TOPIC_NOT_ALLOWED}) when allowed topics are configured and
 * none of their keywords appear in any text, and blocks ({@code DENIED_TOPIC}) when any denied topic's keyword does.
 * Keywords match case-insensitively as whole words; each topic compiles to one pattern. The same mechanism restricts
 * languages: an "allowed language" is a topic whose keywords are that language's common words.
 */
public final class TopicFilter implements Guardrail {
  private final List<Pattern> allowed;
  private final Map<String, Pattern> denied;

  /** @param allowed topic name to keywords (any one suffices); @param denied topic name to keywords */
  public TopicFilter(Map<String, List<String>> allowed, Map<String, List<String>> denied) {
    List<Pattern> a = new ArrayList<>();
    allowed.values().forEach(words -> a.add(KeywordDetector.alternation(words, true)));
    this.allowed = List.copyOf(a);
    Map<String, Pattern> d = new LinkedHashMap<>();
    denied.forEach((topic, words) -> d.put(topic, KeywordDetector.alternation(words, true)));
    this.denied = d;
  }

  @Override
  public Verdict check(List<String> texts) {
    for (Map.Entry<String, Pattern> topic : denied.entrySet()) {
      for (String t : texts) {
        if (t != null && topic.getValue().matcher(t).find()) {
          return new Verdict.Blocked(List.of("DENIED_TOPIC:" + topic.getKey()));
        }
      }
    }
    if (allowed.isEmpty()) {
      return Verdict.PASS;
    }
    for (Pattern p : allowed) {
      for (String t : texts) {
        if (t != null && p.matcher(t).find()) {
          return Verdict.PASS;
        }
      }
    }
    return new Verdict.Blocked(List.of("TOPIC_NOT_ALLOWED"));
  }
}
