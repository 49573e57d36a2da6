-- Tollgate control plane, version 5: the daily aggregates as the daily-activity endpoints read them
-- (/user/daily/activity, /team/daily/activity, /organization/daily/activity, /customer/daily/activity,
-- /tag/daily/activity and the /aggregated variants), which read only tg_daily_spend, never tg_spend_logs.
--
-- The model group joins the row's key: two public model names served by the same upstream model (two prices, two
-- teams' aliases of one deployment) were one row before, named after whichever was written last. SQLite cannot
-- change a primary key in place, so the table is rebuilt (the same statements on both databases); rows written before
-- keep their one model group. model_group is '' when a call reached no model group.
CREATE TABLE tg_daily_spend_v5 (
  entity_type                 TEXT NOT NULL,
  entity_id                   TEXT NOT NULL,
  day                         TEXT NOT NULL,
  api_key                     TEXT NOT NULL DEFAULT '',
  model                       TEXT NOT NULL DEFAULT '',
  model_group                 TEXT NOT NULL DEFAULT '',
  custom_llm_provider         TEXT NOT NULL DEFAULT '',
  endpoint                    TEXT NOT NULL DEFAULT '',
  prompt_tokens               BIGINT NOT NULL DEFAULT 0,
  completion_tokens           BIGINT NOT NULL DEFAULT 0,
  cache_read_input_tokens     BIGINT NOT NULL DEFAULT 0,
  cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
  spend                       DOUBLE PRECISION NOT NULL DEFAULT 0,
  api_requests                BIGINT NOT NULL DEFAULT 0,
  successful_requests         BIGINT NOT NULL DEFAULT 0,
  failed_requests             BIGINT NOT NULL DEFAULT 0,
  updated_at                  BIGINT NOT NULL,
  CONSTRAINT tg_daily_spend_row PRIMARY KEY (entity_type, entity_id, day, api_key, model, model_group,
    custom_llm_provider, endpoint)
);
INSERT INTO tg_daily_spend_v5 (entity_type, entity_id, day, api_key, model, model_group, custom_llm_provider,
    endpoint, prompt_tokens, completion_tokens, cache_read_input_tokens, cache_creation_input_tokens, spend,
    api_requests, successful_requests, failed_requests, updated_at)
  SELECT entity_type, entity_id, day, api_key, model, COALESCE(model_group, ''), custom_llm_provider, endpoint,
    prompt_tokens, completion_tokens, cache_read_input_tokens, cache_creation_input_tokens, spend, api_requests,
    successful_requests, failed_requests, updated_at
  FROM tg_daily_spend;
DROP TABLE tg_daily_spend;
ALTER TABLE tg_daily_spend_v5 RENAME TO tg_daily_spend;
-- One entity (a user's own usage, one team): the primary key (entity_type, entity_id, day, ...) answers it.
-- Every entity of a kind over a date range (an admin's global view, a page of all teams): walk the kind's days.
CREATE INDEX tg_daily_spend_type_day ON tg_daily_spend (entity_type, day);
-- One key's rows of a kind over a date range (?api_key=), without reading the other keys' rows.
CREATE INDEX tg_daily_spend_type_key_day ON tg_daily_spend (entity_type, api_key, day);
-- Every kind over a date range (/global/spend/report?group_by=tag, the last-30-days reports), as before.
CREATE INDEX tg_daily_spend_day ON tg_daily_spend (day);
