-- A virtual key's spend per model group and UTC day, for model_max_budget windows (LiteLLM keeps these counters in
-- its cache; Tollgate keeps them here so that they survive restarts and are shared by every instance). Written by
-- the spend writer in the same transaction as the spend logs; summed over a budget's days when a key is loaded.
CREATE TABLE tg_key_model_spend (
  token        TEXT NOT NULL,
  model_group  TEXT NOT NULL,
  day          TEXT NOT NULL,
  spend        DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (token, model_group, day)
);
