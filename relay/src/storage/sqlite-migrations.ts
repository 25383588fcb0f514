import { sqliteNudgeSchema } from './sqlite-nudge-schema.js';
import { sqliteCompanyLookupsMigration } from './company-lookup-migrations.js';
import { sqliteSendQuotaSchema } from './send-quota-schema.js';

/**
 * Forward-only schema migrations, applied in order inside one transaction each and recorded in
 * PRAGMA user_version. Add new steps at the end; never edit a released step. Steps may call
 * billfold_sha256(text), which sqlite-database.ts registers before migrating (the token hash of
 * auth/tokens.ts).
 */
export const migrations: readonly string[] = [
	`
	CREATE TABLE operator (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

	CREATE TABLE workspaces (
		id TEXT PRIMARY KEY,
		name TEXT,
		created_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE devices (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		name TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE,
		created_at INTEGER NOT NULL,
		last_seen_at INTEGER,
		revoked_at INTEGER
	) STRICT;
	CREATE INDEX devices_by_workspace ON devices(workspace_id);

	CREATE TABLE join_tokens (
		token_hash TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		created_by TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		used_at INTEGER
	) STRICT;

	-- One row per (workspace, series): the row the sequencer locks and advances.
	CREATE TABLE series (
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		series_id TEXT NOT NULL,
		last_number INTEGER NOT NULL,
		last_issue_date TEXT,
		PRIMARY KEY (workspace_id, series_id)
	) STRICT;

	-- The idempotency record of every number ever issued; numbers are never deleted or reused.
	CREATE TABLE issued_numbers (
		workspace_id TEXT NOT NULL,
		invoice_id TEXT NOT NULL,
		series_id TEXT NOT NULL,
		number INTEGER NOT NULL,
		issue_date TEXT NOT NULL,
		issued_at INTEGER NOT NULL,
		device_id TEXT NOT NULL,
		PRIMARY KEY (workspace_id, invoice_id),
		UNIQUE (workspace_id, series_id, number)
	) STRICT;

	CREATE TABLE outbox_jobs (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		invoice_id TEXT NOT NULL,
		device_id TEXT NOT NULL,
		document_type TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
		channel TEXT,
		recipient TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER,
		message_id TEXT,
		error_reason TEXT,
		error_retryable INTEGER,
		warnings TEXT NOT NULL DEFAULT '[]',
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		accepted_at INTEGER NOT NULL,
		sent_at INTEGER,
		purge_content_at INTEGER,
		content_deleted_at INTEGER,
		UNIQUE (workspace_id, invoice_id)
	) STRICT;
	CREATE INDEX outbox_due ON outbox_jobs(status, next_attempt_at);
	CREATE INDEX outbox_accepted ON outbox_jobs(workspace_id, accepted_at);
	CREATE INDEX outbox_purge ON outbox_jobs(purge_content_at) WHERE content_deleted_at IS NULL;

	-- Content lives apart from the job so that deleting it after retention leaves the status.
	CREATE TABLE outbox_content (
		job_id TEXT PRIMARY KEY REFERENCES outbox_jobs(id),
		body TEXT NOT NULL
	) STRICT;

	CREATE TABLE mail_previews (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL,
		job_id TEXT NOT NULL,
		invoice_id TEXT NOT NULL,
		recipients TEXT NOT NULL,
		subject TEXT NOT NULL,
		size_bytes INTEGER NOT NULL,
		file_name TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX mail_previews_by_workspace ON mail_previews(workspace_id, created_at);
	`,
	// 2: the end-to-end encrypted sync log. The relay stores envelopes it cannot read.
	`
	-- The per-workspace sequence: the row an append locks (BEGIN IMMEDIATE) and advances.
	CREATE TABLE sync_heads (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		head INTEGER NOT NULL
	) STRICT;

	CREATE TABLE sync_log (
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		seq INTEGER NOT NULL,
		doc_id TEXT NOT NULL,
		client_id TEXT NOT NULL,
		kind TEXT NOT NULL CHECK (kind IN ('update', 'snapshot')),
		envelope BLOB NOT NULL,
		device_id TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (workspace_id, seq)
	) STRICT;
	CREATE INDEX sync_log_by_doc ON sync_log(workspace_id, doc_id, seq);

	-- Idempotency keys outlive the rows a compaction drops, so a late retry is still recognised.
	CREATE TABLE sync_client_ids (
		workspace_id TEXT NOT NULL,
		client_id TEXT NOT NULL,
		seq INTEGER NOT NULL,
		PRIMARY KEY (workspace_id, client_id)
	) STRICT;

	-- The workspace key wrapped under the user's passphrase (Argon2id + AES-GCM), opaque here.
	CREATE TABLE sync_key_wraps (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		wrapped TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	`,
	// 3: who may revoke whom (relay/README.md "Devices"), join tokens withdrawn with their creator,
	// and the operator's invite token kept only as a hash.
	`
	ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member'));
	-- The device that registered a workspace is its owner; if it was revoked, the oldest active one.
	UPDATE devices SET role = 'owner' WHERE id IN (
		SELECT (
			SELECT d.id FROM devices d
			WHERE d.workspace_id = w.id AND d.revoked_at IS NULL
			ORDER BY d.created_at, d.id LIMIT 1
		) FROM workspaces w
	);
	CREATE UNIQUE INDEX devices_one_owner ON devices(workspace_id)
		WHERE role = 'owner' AND revoked_at IS NULL;

	-- A join token is valid only while the device that created it is the workspace's active owner.
	ALTER TABLE join_tokens ADD COLUMN withdrawn_at INTEGER;
	UPDATE join_tokens SET withdrawn_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000
	WHERE used_at IS NULL
		AND created_by NOT IN (SELECT id FROM devices WHERE role = 'owner' AND revoked_at IS NULL);
	CREATE INDEX join_tokens_by_creator ON join_tokens(created_by) WHERE used_at IS NULL;

	UPDATE operator SET key = 'invite-token-sha256', value = billfold_sha256(value)
	WHERE key = 'invite-token';
	`,
	// 4: the relay-wide send cap counts accepted sends across all workspaces.
	`
	CREATE INDEX outbox_accepted_all ON outbox_jobs(accepted_at);
	`,
	// 5: an explicit "send again" is its own job, keyed by invoice id + resend counter; the invoice
	// id alone stays the idempotency key of each send. SQLite changes a UNIQUE constraint only by
	// rebuilding the table (migrations run before foreign keys are switched on).
	`
	CREATE TABLE outbox_jobs_v3 (
		id TEXT PRIMARY KEY,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		invoice_id TEXT NOT NULL,
		resend INTEGER NOT NULL DEFAULT 0,
		device_id TEXT NOT NULL,
		document_type TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
		channel TEXT,
		recipient TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER,
		message_id TEXT,
		error_reason TEXT,
		error_retryable INTEGER,
		warnings TEXT NOT NULL DEFAULT '[]',
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		accepted_at INTEGER NOT NULL,
		sent_at INTEGER,
		purge_content_at INTEGER,
		content_deleted_at INTEGER,
		UNIQUE (workspace_id, invoice_id, resend)
	) STRICT;
	INSERT INTO outbox_jobs_v3 (id, workspace_id, invoice_id, device_id, document_type, status, channel,
		recipient, attempts, next_attempt_at, message_id, error_reason, error_retryable, warnings, created_at,
		updated_at, accepted_at, sent_at, purge_content_at, content_deleted_at)
	SELECT id, workspace_id, invoice_id, device_id, document_type, status, channel, recipient, attempts,
		next_attempt_at, message_id, error_reason, error_retryable, warnings, created_at, updated_at,
		accepted_at, sent_at, purge_content_at, content_deleted_at FROM outbox_jobs;
	DROP TABLE outbox_jobs;
	ALTER TABLE outbox_jobs_v3 RENAME TO outbox_jobs;
	CREATE INDEX outbox_due ON outbox_jobs(status, next_attempt_at);
	CREATE INDEX outbox_accepted ON outbox_jobs(workspace_id, accepted_at);
	CREATE INDEX outbox_purge ON outbox_jobs(purge_content_at) WHERE content_deleted_at IS NULL;
	CREATE INDEX outbox_accepted_all ON outbox_jobs(accepted_at);
	`,
	// 6: each workspace's own Peppol access-point account, credentials sealed with the relay's
	// secret key (relay/README.md "Peppol providers"); a job remembers which provider delivered it
	// and the typed code of its last error.
	`
	CREATE TABLE peppol_connections (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		provider TEXT NOT NULL,
		credentials TEXT NOT NULL,
		hint TEXT NOT NULL,
		company_name TEXT,
		company_ids TEXT NOT NULL DEFAULT '[]',
		registered_ids TEXT NOT NULL DEFAULT '[]',
		last_error TEXT,
		checked_at INTEGER,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	ALTER TABLE outbox_jobs ADD COLUMN via TEXT;
	ALTER TABLE outbox_jobs ADD COLUMN error_code TEXT;
	`,
	// 7: the sealed inbox (relay/README.md "Inbox"): the workspace's receiving public key and each
	// received document sealed to it; the provider's id deduplicates a document fetched twice.
	`
	CREATE TABLE inbox_keys (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		public_key BLOB NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;

	CREATE TABLE inbox_documents (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL UNIQUE,
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		provider TEXT NOT NULL,
		provider_document_id TEXT NOT NULL,
		document_type TEXT NOT NULL,
		sender TEXT,
		received_at TEXT,
		state TEXT NOT NULL CHECK (state IN ('sealed', 'refused')),
		refusal TEXT,
		size_bytes INTEGER NOT NULL,
		sealed BLOB,
		stored_at INTEGER NOT NULL,
		acknowledged_at INTEGER,
		UNIQUE (workspace_id, provider, provider_document_id)
	) STRICT;
	CREATE INDEX inbox_documents_by_workspace ON inbox_documents(workspace_id, seq);
	`,
	// 8: the VIES answer cache (company lookup), company-lookup-migrations.ts.
	sqliteCompanyLookupsMigration,
	// 9: inbox retention and one poller across processes (relay/README.md "Inbox"): how far each
	// device has pulled (a document every active device has passed may go), and each workspace's
	// poll schedule with its lease, so only one process polls a workspace's access point at a time.
	// IF NOT EXISTS like its neighbours: a branch's database may have taken a reserved step first.
	`
	CREATE TABLE IF NOT EXISTS inbox_cursors (
		workspace_id TEXT NOT NULL REFERENCES workspaces(id),
		device_id TEXT NOT NULL REFERENCES devices(id),
		pulled_seq INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (workspace_id, device_id)
	) STRICT;
	CREATE TABLE IF NOT EXISTS inbox_polls (
		workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
		next_poll_at INTEGER NOT NULL,
		failures INTEGER NOT NULL DEFAULT 0,
		lease_until INTEGER
	) STRICT;
	INSERT OR IGNORE INTO inbox_polls (workspace_id, next_poll_at) SELECT workspace_id, 0 FROM inbox_keys;
	CREATE INDEX IF NOT EXISTS inbox_documents_by_age ON inbox_documents(stored_at);
	`,
	// 10: the content-free recurring-invoice nudge, sqlite-nudge-schema.ts.
	sqliteNudgeSchema,
	// 11: send quotas as counters per workspace and hour, send-quota-schema.ts.
	sqliteSendQuotaSchema
];
