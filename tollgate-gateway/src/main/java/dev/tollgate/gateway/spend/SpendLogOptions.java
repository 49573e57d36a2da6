package dev.tollgate.gateway.spend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a spend row keeps, from {@code general_settings}.
 *
 * @param storePrompts {@code store_prompts_in_spend_logs: true}: chat rows keep the request messages and the response
 * @param disabled {@code disable_spend_logs: true}: no {@code tg_spend_logs} row is written; spend on keys, users,
 *     teams, organizations and end users and the daily aggregates are still counted
 */
public record SpendLogOptions(boolean storePrompts, boolean disabled) {
  public static final SpendLogOptions DEFAULTS = new SpendLogOptions(false, false);

  /** Reads both from {@code general_settings}: only a YAML boolean {@code true} turns either on (LiteLLM: {@code is True}). */
  public static SpendLogOptions read(Map<String, JsonNode> generalSettings) {
    return new SpendLogOptions(isTrue(generalSettings.get("store_prompts_in_spend_logs")),
        isTrue(generalSettings.get("disable_spend_logs")));
  }

  private static boolean isTrue(JsonNode value) {
    return value != null && value.isBoolean() && value.booleanValue();
  }
}
