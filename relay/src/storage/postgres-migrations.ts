import { postgresNudgeSchema } from './postgres-nudge-schema.js';
import { postgresCompanyLookupsMigration } from './company-lookup-migrations.js';
import { postgresSendQuotaSchema } from './send-quota-schema.js';
import { postgresSendCountTrigger } from './send-count-trigger.js';

/**
 * PostgreSQL schema, forward-only, one transaction per step, recorded in schema_migrations (see
 * postgres-database.ts). Step 1 is the SQLite schema as of its migration 5, plus what several
 * processes need: outbox leases and shared rate-limit buckets. Add new steps at the end; a store
 * added to both backends adds one step here and one in sqlite-migrations.ts.
 */
export const migrations: readonly string[] = [
	`
	CREATE TABLE operator (key text PRIMARY KEY, value text NOT NULL);

	CREATE TABLE workspaces (
		id text PRIMARY KEY,
		name text,
		created_at bigint NOT NULL
	);

	CREATE TABLE devices (
		id text PRIMARY KEY,
		workspace_id text NOT NULL REFERENCES workspaces(id),
		name text NOT NULL,
		token_hash text NOT NULL UNIQUE,
		created_at bigint NOT NULL,
		last_seen_at bigint,
		revoked_at bigint,
		role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member'))
	);
	CREATE INDEX devices_by_workspace ON devices(workspace_id);
	CREATE UNIQUE INDEX devices_one_owner ON devices(workspace_id)
		WHERE role = 'owner' AND revoked_at IS NULL;

	CREATE TABLE join_tokens (
		token_hash text PRIMARY KEY,
		workspace_id text NOT NULL REFERENCES workspaces(id),
		created_by text NOT NULL,
		created_at bigint NOT NULL,
		expires_at bigint NOT NULL,
		used_at bigint,
		withdrawn_at bigint
	);
	CREATE INDEX join_tokens_by_creator ON join_tokens(created_by) WHERE used_at IS NULL;

	-- One row per (workspace, series): the row the sequencer locks (FOR UPDATE) and advances.
	CREATE TABLE series (
		workspace_id text NOT NULL REFERENCES workspaces(id),
		series_id text NOT NULL,
		last_number bigint NOT NULL,
		last_issue_date text,
		PRIMARY KEY (workspace_id, series_id)
	);

	-- The idempotency record of every number ever issued; numbers are never deleted or reused.
	CREATE TABLE issued_numbers (
		workspace_id text NOT NULL,
		invoice_id text NOT NULL,
		series_id text NOT NULL,
		number bigint NOT NULL,
		issue_date text NOT NULL,
		issued_at bigint NOT NULL,
		device_id text NOT NULL,
		PRIMARY KEY (workspace_id, invoice_id),
		UNIQUE (workspace_id, series_id, number)
	);

	CREATE TABLE outbox_jobs (
		id text PRIMARY KEY,
		workspace_id text NOT NULL REFERENCES workspaces(id),
		invoice_id text NOT NULL,
		resend integer NOT NULL DEFAULT 0,
		device_id text NOT NULL,
		document_type text NOT NULL,
		status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
		channel text,
		recipient text,
		attempts integer NOT NULL DEFAULT 0,
		next_attempt_at bigint,
		message_id text,
		error_reason text,
		error_retryable integer,
		warnings text NOT NULL DEFAULT '[]',
		created_at bigint NOT NULL,
		updated_at bigint NOT NULL,
		accepted_at bigint NOT NULL,
		sent_at bigint,
		purge_content_at bigint,
		content_deleted_at bigint,
		-- While 'sending': until when the claiming process holds the job; after that any may.
		lease_until bigint,
		UNIQUE (workspace_id, invoice_id, resend)
	);
	CREATE INDEX outbox_due ON outbox_jobs(next_attempt_at) WHERE status = 'queued';
	CREATE INDEX outbox_leased ON outbox_jobs(lease_until) WHERE status = 'sending';
	CREATE INDEX outbox_accepted ON outbox_jobs(workspace_id, accepted_at);
	CREATE INDEX outbox_accepted_all ON outbox_jobs(accepted_at);
	CREATE INDEX outbox_purge ON outbox_jobs(purge_content_at) WHERE content_deleted_at IS NULL;

	-- Content lives apart from the job so that deleting it after retention leaves the status.
	CREATE TABLE outbox_content (
		job_id text PRIMARY KEY REFERENCES outbox_jobs(id),
		body text NOT NULL
	);

	CREATE TABLE mail_previews (
		id text PRIMARY KEY,
		workspace_id text NOT NULL,
		job_id text NOT NULL,
		invoice_id text NOT NULL,
		recipients text NOT NULL,
		subject text NOT NULL,
		size_bytes bigint NOT NULL,
		file_name text NOT NULL,
		created_at bigint NOT NULL
	);
	CREATE INDEX mail_previews_by_workspace ON mail_previews(workspace_id, created_at);

	-- The per-workspace sequence: the row an append locks (FOR UPDATE) and advances.
	CREATE TABLE sync_heads (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		head bigint NOT NULL
	);

	CREATE TABLE sync_log (
		workspace_id text NOT NULL REFERENCES workspaces(id),
		seq bigint NOT NULL,
		doc_id text NOT NULL,
		client_id text NOT NULL,
		kind text NOT NULL CHECK (kind IN ('update', 'snapshot')),
		envelope bytea NOT NULL,
		device_id text NOT NULL,
		created_at bigint NOT NULL,
		PRIMARY KEY (workspace_id, seq)
	);
	CREATE INDEX sync_log_by_doc ON sync_log(workspace_id, doc_id, seq);

	-- Idempotency keys outlive the rows a compaction drops, so a late retry is still recognised.
	CREATE TABLE sync_client_ids (
		workspace_id text NOT NULL,
		client_id text NOT NULL,
		seq bigint NOT NULL,
		PRIMARY KEY (workspace_id, client_id)
	);

	CREATE TABLE sync_key_wraps (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		wrapped text NOT NULL,
		updated_at bigint NOT NULL
	);

	-- Request rate limits shared by every relay process (token buckets, see postgres-rate-limits.ts).
	CREATE TABLE rate_buckets (
		bucket text NOT NULL,
		key text NOT NULL,
		tokens double precision NOT NULL,
		at bigint NOT NULL,
		allowed boolean NOT NULL,
		PRIMARY KEY (bucket, key)
	);
	CREATE INDEX rate_buckets_by_age ON rate_buckets(at);
	`,
	// 2 (SQLite's 6): each workspace's own Peppol access-point account, credentials sealed with the
	// relay's secret key; a job remembers which provider delivered it and its last error's code.
	`
	CREATE TABLE peppol_connections (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		provider text NOT NULL,
		credentials text NOT NULL,
		hint text NOT NULL,
		company_name text,
		company_ids text NOT NULL DEFAULT '[]',
		registered_ids text NOT NULL DEFAULT '[]',
		last_error text,
		checked_at bigint,
		created_at bigint NOT NULL,
		updated_at bigint NOT NULL
	);
	ALTER TABLE outbox_jobs ADD COLUMN via text;
	ALTER TABLE outbox_jobs ADD COLUMN error_code text;
	`,
	// 3 (SQLite's 7): the sealed inbox (relay/README.md "Inbox"): the workspace's receiving public
	// key and each received document sealed to it; the provider's id deduplicates a document
	// fetched twice. seq is the workspace-ordered cursor devices pull after.
	`
	CREATE TABLE inbox_keys (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		public_key bytea NOT NULL,
		updated_at bigint NOT NULL
	);
	CREATE TABLE inbox_documents (
		seq bigserial PRIMARY KEY,
		id text NOT NULL UNIQUE,
		workspace_id text NOT NULL REFERENCES workspaces(id),
		provider text NOT NULL,
		provider_document_id text NOT NULL,
		document_type text NOT NULL,
		sender text,
		received_at text,
		state text NOT NULL CHECK (state IN ('sealed', 'refused')),
		refusal text,
		size_bytes bigint NOT NULL,
		sealed bytea,
		stored_at bigint NOT NULL,
		acknowledged_at bigint,
		UNIQUE (workspace_id, provider, provider_document_id)
	);
	CREATE INDEX inbox_documents_by_workspace ON inbox_documents(workspace_id, seq);
	`,
	// 4 (SQLite's 8): the VIES answer cache (company lookup), company-lookup-migrations.ts.
	postgresCompanyLookupsMigration,
	// 5 (SQLite's 9): inbox retention and one poller across processes: how far each device has
	// pulled, and each workspace's poll schedule with its lease (claimed FOR UPDATE SKIP LOCKED).
	// IF NOT EXISTS like its neighbours: a branch's database may have taken a reserved step first.
	`
	CREATE TABLE IF NOT EXISTS inbox_cursors (
		workspace_id text NOT NULL REFERENCES workspaces(id),
		device_id text NOT NULL REFERENCES devices(id),
		pulled_seq bigint NOT NULL,
		updated_at bigint NOT NULL,
		PRIMARY KEY (workspace_id, device_id)
	);
	CREATE TABLE IF NOT EXISTS inbox_polls (
		workspace_id text PRIMARY KEY REFERENCES workspaces(id),
		next_poll_at bigint NOT NULL,
		failures integer NOT NULL DEFAULT 0,
		lease_until bigint
	);
	INSERT INTO inbox_polls (workspace_id, next_poll_at) SELECT workspace_id, 0 FROM inbox_keys
		ON CONFLICT (workspace_id) DO NOTHING;
	CREATE INDEX IF NOT EXISTS inbox_documents_by_age ON inbox_documents(stored_at);
	`,
	// 6 (SQLite's 10): the content-free recurring-invoice nudge.
	postgresNudgeSchema,
	// 7 (SQLite's 11): send quotas as counters per workspace and hour, send-quota-schema.ts.
	postgresSendQuotaSchema,
	// 8: the database counts the accepted sends the enqueue routine did not (older relay versions),
	// send-count-trigger.ts.
	postgresSendCountTrigger
];
