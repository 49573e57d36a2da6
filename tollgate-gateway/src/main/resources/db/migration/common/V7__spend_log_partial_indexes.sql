-- Tollgate control plane, version 7: the spend log's indexes on columns that many rows leave empty (user, team, end
-- user, session) hold only the rows that have a value. Calls with the master key or a key without a user or team
-- wrote an index entry per row into each of them; the queries that use them (GET /spend/logs and the UI's log list,
-- filtered by user_id = ?, team_id = ?, end_user = ? or session_id = ?) only ever look for a value, which both
-- SQLite and PostgreSQL answer from a partial index. On a large existing log this migration rebuilds the four
-- indexes once, at the first start of this version.
DROP INDEX tg_spend_logs_user_start;
CREATE INDEX tg_spend_logs_user_start ON tg_spend_logs (user_id, start_time) WHERE user_id IS NOT NULL;
DROP INDEX tg_spend_logs_team_start;
CREATE INDEX tg_spend_logs_team_start ON tg_spend_logs (team_id, start_time) WHERE team_id IS NOT NULL;
DROP INDEX tg_spend_logs_end_user;
CREATE INDEX tg_spend_logs_end_user ON tg_spend_logs (end_user) WHERE end_user IS NOT NULL;
DROP INDEX tg_spend_logs_session;
CREATE INDEX tg_spend_logs_session ON tg_spend_logs (session_id) WHERE session_id IS NOT NULL;
