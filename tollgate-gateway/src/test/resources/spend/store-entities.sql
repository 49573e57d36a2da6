INSERT INTO tg_keys (token, key_alias, created_at, updated_at) VALUES ('hash-a', 'team-key', 0, 0);
INSERT INTO tg_keys (token, created_at, updated_at) VALUES ('hash-b', 0, 0);
INSERT INTO tg_users (user_id, created_at, updated_at) VALUES ('u1', 0, 0);
INSERT INTO tg_organizations (organization_id, created_at, updated_at) VALUES ('o1', 0, 0);
INSERT INTO tg_teams (team_id, organization_id, created_at, updated_at) VALUES ('t1', 'o1', 0, 0);
INSERT INTO tg_team_members (team_id, user_id, created_at) VALUES ('t1', 'u1', 0);
INSERT INTO tg_end_users (user_id, created_at, updated_at) VALUES ('cust-1', 0, 0);
