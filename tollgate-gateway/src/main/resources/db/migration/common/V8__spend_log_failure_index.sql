-- Tollgate control plane, version 8: two fewer index entries per spend-log row.
-- Every call writes a row, and every index on tg_spend_logs costs each write an entry (about 2 µs per row per index
-- on SQLite; docs/benchmarks.md, "What changed in the 19:43 to ... runs").
-- * (status, start_time) served one filter, the Logs page's status_filter=failure. Failures are rare, so an index over
--   failures alone answers it, and a successful call (nearly every row) writes no entry. The filter names the status
--   as a literal (status = 'failure'), which both SQLite and PostgreSQL match to the index's WHERE.
-- * (model_group, start_time) was never used: the Logs page filters by model as (model_group = ? OR model = ?), which
--   neither database answers from an index on one of the two columns; GET /spend/logs?model= and the per-key model
--   budgets start from start_time or api_key, whose indexes stay.
-- On a large existing log this migration builds the failure index once, at the first start of this version.
DROP INDEX tg_spend_logs_status_start;
DROP INDEX tg_spend_logs_group_start;
CREATE INDEX tg_spend_logs_failures ON tg_spend_logs (start_time) WHERE status = 'failure';
