package dev.tollgate.gateway.guardrails.builtin;

import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.StreamMasking;
import dev.tollgate.gateway.guardrails.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores texts against known jailbreak and role-override phrasings, each with a weight; each pattern counts once,
 * and texts whose score reaches the threshold are blocked as {@code PROMPT_INJECTION}. Ordinary text scores 0: every
 * pattern needs an instruction-override phrase, not merely a word like "ignore" or "system".
 */
public final class PromptInjection implements Guardrail {
  public static final String ENTITY = "PROMPT_INJECTION";
  public static final double DEFAULT_THRESHOLD = 0.8;
  /** How far a match may start before its anchor, and end after it. */
  static final int WINDOW_BEFORE = 160;
  static final int WINDOW_AFTER = 240;

  /**
   * One scored pattern (case-insensitive). {@code anchors}, when given, are lowercase words of which the text must
   * contain at least one for the pattern to be tried: a cheap {@code indexOf} that spares ordinary text the regex.
   */
  public record Rule(Pattern pattern, double weight, List<String> anchors) {
    public static Rule of(String regex, double weight, String... anchors) {
      return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE), weight,
          List.of(anchors));
    }

    /**
     * True when the pattern matches: around each anchor found in {@code lower} (every match contains one of its
     * anchors, so only those windows are searched), or anywhere when it has no anchors.
     */
    boolean matches(String text, String lower) {
      if (anchors.isEmpty() || lower.length() != text.length()) {
        return pattern.matcher(text).find();
      }
      for (String a : anchors) {
        for (int at = lower.indexOf(a); at >= 0; at = lower.indexOf(a, at + 1)) {
          Matcher m = pattern.matcher(text).region(Math.max(0, at - WINDOW_BEFORE),
              Math.min(text.length(), at + WINDOW_AFTER)).useTransparentBounds(true).useAnchoringBounds(false);
          if (m.find()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The built-in phrasings. */
  public static final List<Rule> BUILT_IN = List.of(
      Rule.of("\\b(?:ignore|disregard|forget|skip|override)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+|of\\s+)*"
          + "(?:previous|prior|above|earlier|preceding|former|original|initial)\\s+"
          + "(?:instructions?|prompts?|rules?|directions?|guidelines?|messages?|context)", 1.0,
          "ignore", "disregard", "forget", "skip", "override"),
      Rule.of("\\b(?:ignore|disregard|forget)\\s+(?:all\\s+|everything\\s+)?(?:you\\s+(?:were|have\\s+been)\\s+told|"
          + "your\\s+(?:instructions|rules|guidelines|programming|system\\s+prompt))", 1.0,
          "ignore", "disregard", "forget"),
      Rule.of("\\byou\\s+are\\s+(?:now|going\\s+to\\s+be)\\s+(?:DAN\\b|a\\s+DAN\\b|in\\s+developer\\s+mode|"
          + "jailbroken|unrestricted|unfiltered|an?\\s+(?:unrestricted|unfiltered|uncensored)\\b|free\\s+from)", 1.0,
          "dan", "developer", "jailbroken", "unrestricted", "unfiltered", "uncensored", "free"),
      Rule.of("\\bdo\\s+anything\\s+now\\b", 0.9, "anything"),
      Rule.of("\\b(?:enable|activate|enter|switch\\s+to)\\s+(?:developer|god|jailbreak|DAN|unrestricted)\\s+mode\\b",
          0.9, "mode"),
      Rule.of("^\\s*(?:#+\\s*)?(?:new\\s+)?system\\s*(?:prompt|message|instructions?)?\\s*:", 0.6, "system"),
      Rule.of("\\bnew\\s+(?:system\\s+)?instructions?\\s*:", 0.5, "instruction"),
      Rule.of("\\b(?:reveal|show|print|repeat|output|leak|tell\\s+me)\\s+(?:me\\s+)?(?:your|the)\\s+"
          + "(?:system\\s+prompt|hidden\\s+(?:instructions|prompt)|initial\\s+(?:instructions|prompt)|"
          + "original\\s+instructions)", 0.8, "prompt", "instructions"),
      Rule.of("\\b(?:pretend|act|behave)\\s+(?:as\\s+if\\s+)?(?:you\\s+are|to\\s+be|as|like)\\b[^.\\n]{0,80}"
          + "\\b(?:without|no|free\\s+of)\\s+(?:any\\s+)?(?:restrictions|rules|filters|limits|guidelines|censorship)",
          0.8, "pretend", "act ", "behave"),
      Rule.of("\\b(?:bypass|override|disable|ignore)\\s+(?:your\\s+|the\\s+|all\\s+)?(?:safety|content|ethical)\\s+"
          + "(?:filters?|guidelines|policies|restrictions|rules)", 0.8, "safety", "content", "ethical"),
      Rule.of("<\\|?\\s*/?\\s*(?:im_start|im_end|system)\\s*\\|?>", 0.7, "im_start", "im_end", "system"));

  private final List<Rule> rules;
  private final double threshold;

  public PromptInjection(List<Rule> rules, double threshold) {
    this.rules = List.copyOf(rules);
    this.threshold = threshold;
  }

  /** The built-in rules plus {@code extra}. */
  public static PromptInjection withExtra(List<Rule> extra, double threshold) {
    List<Rule> all = new ArrayList<>(BUILT_IN);
    all.addAll(extra);
    return new PromptInjection(all, threshold);
  }

  /** The score of {@code text}: the sum of the weights of the rules it matches. */
  public double score(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    double score = 0;
    for (Rule r : rules) {
      if (r.matches(text, lower)) {
        score += r.weight();
      }
    }
    return score;
  }

  /** Only blocks. */
  @Override
  public StreamMasking streamMasking() {
    return StreamMasking.NEVER;
  }

  @Override
  public Verdict check(List<String> texts) {
    for (String t : texts) {
      if (t != null && !t.isEmpty() && score(t) >= threshold) {
        return new Verdict.Blocked(List.of(ENTITY));
      }
    }
    return Verdict.PASS;
  }
}
