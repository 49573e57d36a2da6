package dev.tollgate.gateway.guardrails;

/**
 * Where a served guardrail that was not in the config file came from: its row in {@code tg_guardrails} (LiteLLM's
 * {@code LiteLLM_GuardrailsTable}), created through {@code POST /guardrails}. The list routes show these facts
 * beside the guardrail ({@code guardrail_id}, {@code created_at}, {@code updated_at}).
 *
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record GuardrailOrigin(String guardrailId, long createdAt, long updatedAt) {}
