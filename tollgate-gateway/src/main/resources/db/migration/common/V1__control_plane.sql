-- Tollgate control plane, version 1. One script for SQLite and PostgreSQL: portable types only.
-- Conventions: JSON objects and lists are TEXT holding JSON ('{}' / '[]'); money is DOUBLE PRECISION (USD);
-- timestamps are epoch milliseconds (BIGINT, UTC); ids are TEXT. Column names follow LiteLLM's tables
-- (LiteLLM_VerificationToken, LiteLLM_UserTable, ...) in snake_case.

-- Virtual keys (LiteLLM_VerificationToken). token = lowercase hex SHA-256 of the plaintext key.
CREATE TABLE tg_keys (
  token                 TEXT PRIMARY KEY,
  key_name              TEXT,
  key_alias             TEXT,
  user_id               TEXT,
  team_id               TEXT,
  organization_id       TEXT,
  project_id            TEXT,
  budget_id             TEXT,
  key_type              TEXT NOT NULL DEFAULT 'default',
  models                TEXT NOT NULL DEFAULT '[]',
  aliases               TEXT NOT NULL DEFAULT '{}',
  config                TEXT NOT NULL DEFAULT '{}',
  permissions           TEXT NOT NULL DEFAULT '{}',
  metadata              TEXT NOT NULL DEFAULT '{}',
  tags                  TEXT NOT NULL DEFAULT '[]',
  allowed_routes        TEXT NOT NULL DEFAULT '[]',
  allowed_cache_controls TEXT NOT NULL DEFAULT '[]',
  model_spend           TEXT NOT NULL DEFAULT '{}',
  model_max_budget      TEXT NOT NULL DEFAULT '{}',
  model_rpm_limit       TEXT,
  model_tpm_limit       TEXT,
  budget_limits         TEXT,
  router_settings       TEXT,
  spend                 DOUBLE PRECISION NOT NULL DEFAULT 0,
  max_budget            DOUBLE PRECISION,
  soft_budget           DOUBLE PRECISION,
  soft_budget_cooldown  BOOLEAN NOT NULL DEFAULT FALSE,
  budget_duration       TEXT,
  budget_reset_at       BIGINT,
  tpm_limit             BIGINT,
  rpm_limit             BIGINT,
  max_parallel_requests INTEGER,
  blocked               BOOLEAN NOT NULL DEFAULT FALSE,
  expires               BIGINT,
  last_active           BIGINT,
  auto_rotate           BOOLEAN NOT NULL DEFAULT FALSE,
  rotation_interval     TEXT,
  rotation_count        INTEGER NOT NULL DEFAULT 0,
  last_rotation_at      BIGINT,
  key_rotation_at       BIGINT,
  created_at            BIGINT NOT NULL,
  created_by            TEXT,
  updated_at            BIGINT NOT NULL,
  updated_by            TEXT
);
CREATE UNIQUE INDEX tg_keys_alias ON tg_keys (key_alias);
CREATE INDEX tg_keys_user_team ON tg_keys (user_id, team_id);
CREATE INDEX tg_keys_team ON tg_keys (team_id);
CREATE INDEX tg_keys_budget_reset ON tg_keys (budget_reset_at, expires);

-- Keys replaced by /key/regenerate with a grace period (LiteLLM_DeprecatedVerificationToken).
CREATE TABLE tg_deprecated_keys (
  token         TEXT PRIMARY KEY,
  active_token  TEXT NOT NULL,
  revoke_at     BIGINT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX tg_deprecated_keys_revoke ON tg_deprecated_keys (revoke_at);

-- Shared budget rows referenced by budget_id (LiteLLM_BudgetTable).
CREATE TABLE tg_budgets (
  budget_id             TEXT PRIMARY KEY,
  max_budget            DOUBLE PRECISION,
  soft_budget           DOUBLE PRECISION,
  max_parallel_requests INTEGER,
  tpm_limit             BIGINT,
  rpm_limit             BIGINT,
  model_max_budget      TEXT NOT NULL DEFAULT '{}',
  budget_duration       TEXT,
  budget_reset_at       BIGINT,
  allowed_models        TEXT NOT NULL DEFAULT '[]',
  created_at            BIGINT NOT NULL,
  created_by            TEXT,
  updated_at            BIGINT NOT NULL,
  updated_by            TEXT
);

-- Internal users (LiteLLM_UserTable).
CREATE TABLE tg_users (
  user_id               TEXT PRIMARY KEY,
  user_alias            TEXT,
  user_email            TEXT,
  user_role             TEXT,
  sso_user_id           TEXT,
  team_id               TEXT,
  teams                 TEXT NOT NULL DEFAULT '[]',
  organization_id       TEXT,
  models                TEXT NOT NULL DEFAULT '[]',
  metadata              TEXT NOT NULL DEFAULT '{}',
  spend                 DOUBLE PRECISION NOT NULL DEFAULT 0,
  max_budget            DOUBLE PRECISION,
  soft_budget           DOUBLE PRECISION,
  budget_duration       TEXT,
  budget_reset_at       BIGINT,
  tpm_limit             BIGINT,
  rpm_limit             BIGINT,
  max_parallel_requests INTEGER,
  model_spend           TEXT NOT NULL DEFAULT '{}',
  model_max_budget      TEXT NOT NULL DEFAULT '{}',
  allowed_cache_controls TEXT NOT NULL DEFAULT '[]',
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE UNIQUE INDEX tg_users_sso ON tg_users (sso_user_id);
CREATE INDEX tg_users_email ON tg_users (user_email);

-- Teams (LiteLLM_TeamTable).
CREATE TABLE tg_teams (
  team_id               TEXT PRIMARY KEY,
  team_alias            TEXT,
  organization_id       TEXT,
  models                TEXT NOT NULL DEFAULT '[]',
  metadata              TEXT NOT NULL DEFAULT '{}',
  tags                  TEXT NOT NULL DEFAULT '[]',
  model_aliases         TEXT NOT NULL DEFAULT '{}',
  team_member_permissions TEXT NOT NULL DEFAULT '[]',
  spend                 DOUBLE PRECISION NOT NULL DEFAULT 0,
  max_budget            DOUBLE PRECISION,
  soft_budget           DOUBLE PRECISION,
  budget_duration       TEXT,
  budget_reset_at       BIGINT,
  tpm_limit             BIGINT,
  rpm_limit             BIGINT,
  max_parallel_requests INTEGER,
  model_rpm_limit       TEXT,
  model_tpm_limit       TEXT,
  model_spend           TEXT NOT NULL DEFAULT '{}',
  model_max_budget      TEXT NOT NULL DEFAULT '{}',
  router_settings       TEXT,
  blocked               BOOLEAN NOT NULL DEFAULT FALSE,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX tg_teams_org ON tg_teams (organization_id);

-- Team membership with role and per-member budget (LiteLLM_TeamMembership + members_with_roles).
CREATE TABLE tg_team_members (
  team_id    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  role       TEXT NOT NULL DEFAULT 'user',
  spend      DOUBLE PRECISION NOT NULL DEFAULT 0,
  budget_id  TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX tg_team_members_user ON tg_team_members (user_id);

-- Organizations (LiteLLM_OrganizationTable) and their members (LiteLLM_OrganizationMembership).
CREATE TABLE tg_organizations (
  organization_id    TEXT PRIMARY KEY,
  organization_alias TEXT,
  budget_id          TEXT,
  models             TEXT NOT NULL DEFAULT '[]',
  metadata           TEXT NOT NULL DEFAULT '{}',
  spend              DOUBLE PRECISION NOT NULL DEFAULT 0,
  model_spend        TEXT NOT NULL DEFAULT '{}',
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL
);
CREATE TABLE tg_organization_members (
  organization_id TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  user_role       TEXT,
  spend           DOUBLE PRECISION NOT NULL DEFAULT 0,
  budget_id       TEXT,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX tg_organization_members_user ON tg_organization_members (user_id);

-- Customers / end users (LiteLLM_EndUserTable).
CREATE TABLE tg_end_users (
  user_id              TEXT PRIMARY KEY,
  alias                TEXT,
  spend                DOUBLE PRECISION NOT NULL DEFAULT 0,
  allowed_model_region TEXT,
  default_model        TEXT,
  budget_id            TEXT,
  blocked              BOOLEAN NOT NULL DEFAULT FALSE,
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);

-- Models added through the API (LiteLLM_ProxyModelTable); litellm_params secrets are stored encrypted.
CREATE TABLE tg_models (
  model_id       TEXT PRIMARY KEY,
  model_name     TEXT NOT NULL,
  litellm_params TEXT NOT NULL DEFAULT '{}',
  model_info     TEXT NOT NULL DEFAULT '{}',
  blocked        BOOLEAN NOT NULL DEFAULT FALSE,
  created_at     BIGINT NOT NULL,
  created_by     TEXT,
  updated_at     BIGINT NOT NULL,
  updated_by     TEXT
);
CREATE INDEX tg_models_name ON tg_models (model_name);

-- One row per request (LiteLLM_SpendLogs). api_key is the key hash.
CREATE TABLE tg_spend_logs (
  request_id          TEXT PRIMARY KEY,
  call_type           TEXT,
  api_key             TEXT,
  spend               DOUBLE PRECISION NOT NULL DEFAULT 0,
  total_tokens        BIGINT NOT NULL DEFAULT 0,
  prompt_tokens       BIGINT NOT NULL DEFAULT 0,
  completion_tokens   BIGINT NOT NULL DEFAULT 0,
  start_time          BIGINT NOT NULL,
  end_time            BIGINT NOT NULL,
  completion_start_time BIGINT,
  request_duration_ms BIGINT,
  model               TEXT,
  model_id            TEXT,
  model_group         TEXT,
  custom_llm_provider TEXT,
  api_base            TEXT,
  user_id             TEXT,
  team_id             TEXT,
  organization_id     TEXT,
  end_user            TEXT,
  metadata            TEXT NOT NULL DEFAULT '{}',
  request_tags        TEXT NOT NULL DEFAULT '[]',
  cache_hit           BOOLEAN,
  cache_key           TEXT,
  requester_ip_address TEXT,
  session_id          TEXT,
  status              TEXT,
  messages            TEXT,
  response            TEXT
);
CREATE INDEX tg_spend_logs_start ON tg_spend_logs (start_time);
CREATE INDEX tg_spend_logs_key_start ON tg_spend_logs (api_key, start_time);
CREATE INDEX tg_spend_logs_user_start ON tg_spend_logs (user_id, start_time);
CREATE INDEX tg_spend_logs_team_start ON tg_spend_logs (team_id, start_time);
CREATE INDEX tg_spend_logs_end_user ON tg_spend_logs (end_user);
CREATE INDEX tg_spend_logs_session ON tg_spend_logs (session_id);

-- Daily aggregates for every entity kind in one table (LiteLLM_Daily{User,Team,Organization,EndUser,Tag}Spend).
-- entity_type: user | team | organization | end_user | tag | key. day: 'YYYY-MM-DD' (UTC).
CREATE TABLE tg_daily_spend (
  entity_type                 TEXT NOT NULL,
  entity_id                   TEXT NOT NULL,
  day                         TEXT NOT NULL,
  api_key                     TEXT NOT NULL DEFAULT '',
  model                       TEXT NOT NULL DEFAULT '',
  model_group                 TEXT,
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
  PRIMARY KEY (entity_type, entity_id, day, api_key, model, custom_llm_provider, endpoint)
);
CREATE INDEX tg_daily_spend_day ON tg_daily_spend (day);

-- Who changed what through the management API (LiteLLM_AuditLog).
CREATE TABLE tg_audit_log (
  id                 TEXT PRIMARY KEY,
  changed_at         BIGINT NOT NULL,
  changed_by         TEXT,
  changed_by_api_key TEXT,
  action             TEXT NOT NULL,
  table_name         TEXT NOT NULL,
  object_id          TEXT NOT NULL,
  before_value       TEXT,
  updated_values     TEXT
);
CREATE INDEX tg_audit_log_object ON tg_audit_log (table_name, object_id);
