-- Tollgate control plane, version 4: indexes for the admin dashboard's server-side lists.
-- /key/list pages newest first (ORDER BY created_at DESC, token) with optional team / user filters: each of these
-- answers a page by walking an index instead of sorting the whole table (100,000 keys: see KeyListScalePostgresTest).
CREATE INDEX tg_keys_created ON tg_keys (created_at, token);
CREATE INDEX tg_keys_team_created ON tg_keys (team_id, created_at, token);
CREATE INDEX tg_keys_user_created ON tg_keys (user_id, created_at, token);
-- /spend/logs/ui filters by model group and by status (failures are rare: the index finds them without a scan),
-- newest first within a start_time range.
CREATE INDEX tg_spend_logs_group_start ON tg_spend_logs (model_group, start_time);
CREATE INDEX tg_spend_logs_status_start ON tg_spend_logs (status, start_time);
