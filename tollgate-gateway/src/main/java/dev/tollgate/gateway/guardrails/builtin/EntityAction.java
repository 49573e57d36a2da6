package dev.tollgate.gateway.guardrails.builtin;

import java.util.Locale;

/** What a span guardrail does with a found entity, as LiteLLM's {@code pii_entities_config} values. */
public enum EntityAction {
  MASK, BLOCK;

  /** {@code MASK} / {@code BLOCK} in any case. */
  public static EntityAction of(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
