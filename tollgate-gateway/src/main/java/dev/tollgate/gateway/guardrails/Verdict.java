package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * What a guardrail ({@link Guardrail} or {@link AsyncGuardrail}) decided. The built-in guardrails name what they found
 * only by entity type ({@code EMAIL_ADDRESS}, {@code OPENAI_API_KEY}, ...), never by the text itself, so an error or
 * a log line built from one cannot leak it. A remote guardrail may give a reason in its own words (a guardrail API's
 * {@code blocked_reason}, a judge model's {@code reason}); that reason is shown to the client.
 */
public sealed interface Verdict {
  Verdict PASS = new Pass();

  /** Nothing found. */
  record Pass() implements Verdict {}

  /** Found and masked: {@code texts} replaces the input texts one for one. */
  record Masked(List<String> texts, List<String> entities) implements Verdict {
    public Masked {
      texts = List.copyOf(texts);
      entities = List.copyOf(entities);
    }
  }

  /**
   * Found and refused.
   *
   * @param reason a remote guardrail's own reason, or null (the built-ins name only entity types)
   */
  record Blocked(List<String> entities, String reason) implements Verdict {
    public Blocked {
      entities = List.copyOf(entities);
    }

    public Blocked(List<String> entities) {
      this(entities, null);
    }
  }
}
