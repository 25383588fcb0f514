/**
 * PostgreSQL migration 6 (SQLite's 10, sqlite-nudge-schema.ts): the opted-in nudge address per
 * workspace, sealed, and the due dates its devices posted (relay/README.md "Nudges"). IF NOT EXISTS
 * because a branch's database may have taken a later reserved step first; it creates only these.
 */
export const postgresNudgeSchema = `
	CREATE TABLE IF NOT EXISTS nudge_subscriptions (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		email text NOT NULL,
		created_at bigint NOT NULL,
		updated_at bigint NOT NULL
	);
	CREATE TABLE IF NOT EXISTS nudge_dues (
		workspace_id text NOT NULL REFERENCES nudge_subscriptions(workspace_id),
		due_date text NOT NULL,
		due_at bigint NOT NULL,
		count integer NOT NULL,
		claimed_until bigint,
		done_at bigint,
		PRIMARY KEY (workspace_id, due_date)
	);
	CREATE INDEX IF NOT EXISTS nudge_dues_open ON nudge_dues(due_at) WHERE done_at IS NULL;
`;
