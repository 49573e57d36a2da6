-- Tollgate control plane, version 2: what the user/team/organization/customer/budget API needs beyond V1.
-- Customers carry metadata (LiteLLM's NewCustomerRequest accepts it).
ALTER TABLE tg_end_users ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
-- /team/info and /user/info look keys up by team and by user; /team/list?user_id= by membership.
CREATE INDEX tg_keys_user ON tg_keys (user_id);
CREATE INDEX tg_audit_log_changed ON tg_audit_log (changed_at);
