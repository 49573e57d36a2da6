package dev.tollgate.gateway.guardrails.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.providers.types.Json;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a judge model's answer, forgiving about its form: a JSON object (alone, in a fenced code block, or inside
 * other text) with {@code allowed} (or {@code allow}) as a boolean, or {@code blocked} / {@code block} as a boolean,
 * or {@code verdict} / {@code decision} as a word; else an answer that starts with a verdict word ({@code ALLOW},
 * {@code ALLOWED}, {@code PASS}, {@code SAFE}; {@code BLOCK}, {@code BLOCKED}, {@code DENY}, {@code DENIED},
 * {@code UNSAFE}), the rest being the reason. Anything else is no verdict (null), which the guardrail's failure
 * policy decides.
 */
public final class JudgeVerdict {
  private static final Set<String> ALLOW = Set.of("ALLOW", "ALLOWED", "PASS", "PASSED", "SAFE");
  private static final Set<String> BLOCK = Set.of("BLOCK", "BLOCKED", "DENY", "DENIED", "UNSAFE", "REFUSE");

  /** The judge's decision and its reason (may be null). */
  public record Decision(boolean allowed, String reason) {}

  private JudgeVerdict() {}

  /** The decision in {@code answer}, or null when it holds none. */
  public static Decision parse(String answer) {
    if (answer == null || answer.isBlank()) {
      return null;
    }
    String text = answer.strip();
    int open = text.indexOf('{');
    int close = text.lastIndexOf('}');
    if (open >= 0 && close > open) {
      Decision fromJson = fromJson(text.substring(open, close + 1));
      if (fromJson != null) {
        return fromJson;
      }
    }
    return fromWords(text);
  }

  private static Decision fromJson(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    String reason = node.path("reason").isValueNode() && !node.path("reason").isNull()
        ? node.get("reason").asText() : null;
    for (String field : new String[] {"allowed", "allow"}) {
      if (node.path(field).isBoolean()) {
        return new Decision(node.get(field).booleanValue(), reason);
      }
    }
    for (String field : new String[] {"blocked", "block"}) {
      if (node.path(field).isBoolean()) {
        return new Decision(!node.get(field).booleanValue(), reason);
      }
    }
    for (String field : new String[] {"verdict", "decision"}) {
      if (node.path(field).isTextual()) {
        Boolean allowed = word(node.get(field).asText());
        if (allowed != null) {
          return new Decision(allowed, reason);
        }
      }
    }
    return null;
  }

  private static Decision fromWords(String text) {
    String unfenced = text.replace("```", "").strip();
    int end = 0;
    while (end < unfenced.length() && Character.isLetter(unfenced.charAt(end))) {
      end++;
    }
    Boolean allowed = word(unfenced.substring(0, end));
    if (allowed == null) {
      return null;
    }
    String rest = unfenced.substring(end).replaceFirst("^[\\s:.,;\\-–—]+", "").strip();
    return new Decision(allowed, rest.isEmpty() ? null : rest);
  }

  private static Boolean word(String w) {
    String upper = w.strip().toUpperCase(Locale.ROOT);
    return ALLOW.contains(upper) ? Boolean.TRUE : BLOCK.contains(upper) ? Boolean.FALSE : null;
  }
}
