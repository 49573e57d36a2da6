package dev.tollgate.gateway.guardrails;

import java.util.List;

/**
 * What a {@link Guardrail} decided. Verdicts name what was found only by entity type ({@code EMAIL_ADDRESS},
 * {@code OPENAI_API_KEY}, ...), never by the text itself, so an error or a log line built from one cannot leak it.
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

  /** Found and refused. */
  record Blocked(List<String> entities) implements Verdict {
    public Blocked {
      entities = List.copyOf(entities);
    }
  }
}
