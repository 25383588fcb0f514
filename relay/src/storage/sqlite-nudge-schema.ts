/**
 * SQLite migration 10 (PostgreSQL's 6, postgres-nudge-schema.ts): the opted-in nudge address per
 * workspace, sealed, and the due dates its devices posted (relay/README.md "Nudges"). IF NOT EXISTS
 * because a branch's database may have taken a later reserved step first; it creates only these.
 */
export const sqliteNudgeSchema = `
	CREATE TABLE IF NOT EXISTS nudge_subscriptions (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		email TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	CREATE TABLE IF NOT EXISTS nudge_dues (
		workspace_id TEXT NOT NULL REFERENCES nudge_subscriptions(workspace_id),
		due_date TEXT NOT NULL,
		due_at INTEGER NOT NULL,
		count INTEGER NOT NULL,
		claimed_until INTEGER,
		done_at INTEGER,
		PRIMARY KEY (workspace_id, due_date)
	) STRICT;
	CREATE INDEX IF NOT EXISTS nudge_dues_open ON nudge_dues(due_at) WHERE done_at IS NULL;
`;
