package dev.tollgate.gateway.guardrails;

import java.util.Locale;

/**
 * When a guardrail runs, as LiteLLM's {@code mode} names it: {@code pre_call} on the input before the model call
 * (may block or mask the request), {@code during_call} on the input while the model call runs (the answer is held until
 * it passes; may only block), {@code post_call} on the output (may block or mask the reply; a stream is masked as it
 * flows or held whole, see {@link StreamMasking}),
 * {@code logging_only} masks only the prompt and response stored on the spend row.
 */
public enum GuardrailMode {
  PRE_CALL, DURING_CALL, POST_CALL, LOGGING_ONLY;

  /** LiteLLM's spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code id} ({@code pre_call}, ...), or null when it is not one. */
  public static GuardrailMode of(String id) {
    for (GuardrailMode m : values()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    return null;
  }
}
