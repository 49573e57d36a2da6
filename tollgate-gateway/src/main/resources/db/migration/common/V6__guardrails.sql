-- Tollgate control plane, version 5: guardrails added through the management API (POST /guardrails), LiteLLM's
-- LiteLLM_GuardrailsTable. Served beside the config file's guardrails: list (docs/guardrails.md). Credentials in
-- litellm_params (api_key, headers, ...) are stored encrypted (tgenc:v1:...), as in tg_models. Times are epoch
-- milliseconds. Names are unique, as in LiteLLM.
CREATE TABLE tg_guardrails (
  guardrail_id   TEXT PRIMARY KEY,
  guardrail_name TEXT NOT NULL,
  litellm_params TEXT NOT NULL DEFAULT '{}',
  guardrail_info TEXT NOT NULL DEFAULT '{}',
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX tg_guardrails_name ON tg_guardrails (guardrail_name);
