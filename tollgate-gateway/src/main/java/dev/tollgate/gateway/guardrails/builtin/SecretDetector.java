package dev.tollgate.gateway.guardrails.builtin;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials: provider API keys by their published prefixes (OpenAI {@code sk-}/{@code sk-proj-}, Anthropic
 * {@code sk-ant-}, AWS access key ids {@code AKIA}/{@code ASIA} and a 40-character secret key within
 * {@value #AWS_SECRET_DISTANCE} characters of one, GitHub {@code ghp_}/{@code github_pat_}, Slack {@code xox?-},
 * Google {@code AIza}, Stripe {@code sk_live_}/{@code rk_live_}), PEM private key blocks, JWTs, and optionally
 * high-entropy tokens ({@link EntropyTokens}).
 */
public final class SecretDetector implements SpanDetector {
  static final int AWS_SECRET_DISTANCE = 200;
  /** A format: its pattern, tried only when the text contains {@code anchor} (a fast indexOf). */
  private record Rule(String entity, String anchor, Pattern pattern) {}

  private static final List<Rule> RULES = List.of(
      new Rule("ANTHROPIC_API_KEY", "sk-ant-", Pattern.compile("sk-ant-(?<![\\w-].{7})[A-Za-z0-9_-]{20,}")),
      new Rule("OPENAI_API_KEY", "sk-", Pattern.compile("sk-(?<![\\w-].{3})(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")),
      new Rule("AWS_ACCESS_KEY_ID", "IA", Pattern.compile("(?=A)(?:AKIA|ASIA)(?<![A-Za-z0-9].{4})[0-9A-Z]{16}(?![A-Za-z0-9])")),
      new Rule("GITHUB_TOKEN", "_", Pattern.compile("g(?<![\\w].)(?:h[pousr]_[A-Za-z0-9]{36,}|ithub_pat_[A-Za-z0-9_]{22,})")),
      new Rule("SLACK_TOKEN", "xox", Pattern.compile("xox(?<![\\w-].{3})[abposr]-[A-Za-z0-9-]{10,}")),
      new Rule("GOOGLE_API_KEY", "AIza", Pattern.compile("AIza(?<![\\w-].{4})[0-9A-Za-z_-]{35}(?![\\w-])")),
      new Rule("STRIPE_SECRET_KEY", "_live_", Pattern.compile("(?=[sr])(?<![\\w])(?:sk|rk)_live_[0-9A-Za-z]{16,}")),
      new Rule("PRIVATE_KEY", "PRIVATE KEY-----", Pattern.compile(
          "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----")),
      new Rule("JWT", "eyJ", Pattern.compile(
          "eyJ(?<![\\w-].{3})[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}(?![\\w-])")));
  private static final Pattern AWS_SECRET =
      Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

  private final EntropyTokens entropy;

  /** @param entropy the high-entropy token finder, or null to look only for known formats */
  public SecretDetector(EntropyTokens entropy) {
    this.entropy = entropy;
  }

  /** Keys, tokens and PEM blocks have no bounded length: {@link SpanDetector#UNBOUNDED}, the default reach. */
  @Override
  public java.util.Set<String> entities() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    RULES.forEach(r -> names.add(r.entity()));
    names.add("AWS_SECRET_ACCESS_KEY");
    if (entropy != null) {
      names.add(EntropyTokens.ENTITY);
    }
    return names;
  }

  @Override
  public void find(String text, List<Span> out) {
    for (Rule rule : RULES) {
      if (!text.contains(rule.anchor())) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        out.add(new Span(m.start(), m.end(), rule.entity()));
        if (rule.entity().equals("AWS_ACCESS_KEY_ID")) {
          awsSecretNear(text, m.start(), m.end(), out);
        }
      }
    }
    if (entropy != null) {
      int known = out.size();
      entropy.find(text, out);
      // a known format names the secret better: drop random-looking tokens that overlap one
      for (int i = out.size() - 1; i >= known; i--) {
        Span e = out.get(i);
        for (int k = 0; k < known; k++) {
          Span s = out.get(k);
          if (e.start() < s.end() && s.start() < e.end()) {
            out.remove(i);
            break;
          }
        }
      }
    }
  }

  private static void awsSecretNear(String text, int from, int to, List<Span> out) {
    Matcher m = AWS_SECRET.matcher(text);
    m.region(Math.max(0, from - AWS_SECRET_DISTANCE), Math.min(text.length(), to + AWS_SECRET_DISTANCE));
    m.useTransparentBounds(true);
    while (m.find()) {
      if (hasDigitAndLetter(text, m.start(), m.end())) {
        out.add(new Span(m.start(), m.end(), "AWS_SECRET_ACCESS_KEY"));
      }
    }
  }

  static boolean hasDigitAndLetter(String text, int from, int to) {
    boolean digit = false;
    boolean letter = false;
    for (int i = from; i < to && !(digit && letter); i++) {
      char c = text.charAt(i);
      digit |= c >= '0' && c <= '9';
      letter |= Character.isLetter(c);
    }
    return digit && letter;
  }
}
