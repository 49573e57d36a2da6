-- Tollgate control plane, version 5: indexes for the daily-activity endpoints (/user/daily/activity,
-- /team/daily/activity, /organization/daily/activity, /customer/daily/activity, /tag/daily/activity and the
-- /aggregated variants), which read only tg_daily_spend, never tg_spend_logs.
-- One entity (a user's own usage, one team): the primary key (entity_type, entity_id, day, ...) already answers it.
-- Every entity of a kind over a date range (an admin's global view, a page of all teams): walk the kind's days.
CREATE INDEX tg_daily_spend_type_day ON tg_daily_spend (entity_type, day);
-- One key's rows of a kind over a date range (?api_key=), without reading the other keys' rows.
CREATE INDEX tg_daily_spend_type_key_day ON tg_daily_spend (entity_type, api_key, day);
