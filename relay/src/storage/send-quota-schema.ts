/**
 * Send quotas as counters (PostgreSQL migration 7, SQLite migration 11): accepted sends per scope
 * (a workspace id, or RELAY_SCOPE for all workspaces together) and hour, kept in the enqueue's own
 * transaction. A quota check sums at most 25 rows of its scope instead of counting a day of jobs
 * (two count(*) scans that grew with every send). The hour that holds `since` counts whole, so a
 * quota is never looser than a rolling 24 hours, at most an hour stricter. The step copies the
 * last 25 hours of jobs into the counters, so an upgrade does not reset a quota, and drops the
 * accepted_at indexes the counts used. IF NOT EXISTS: a branch's database may have taken a later
 * reserved step first.
 */
export const SEND_QUOTA_HOUR_MS = 3_600_000;
/** The scope of the relay-wide quota (no workspace id is empty). */
export const RELAY_SCOPE = '';

const seedSince = (nowMs: string) => `${nowMs} - 25 * ${SEND_QUOTA_HOUR_MS}`;

export const postgresSendQuotaSchema = `
	CREATE TABLE IF NOT EXISTS send_counts (
		scope text NOT NULL,
		hour bigint NOT NULL,
		n bigint NOT NULL,
		PRIMARY KEY (scope, hour)
	);
	INSERT INTO send_counts (scope, hour, n)
		SELECT workspace_id, accepted_at / ${SEND_QUOTA_HOUR_MS}, count(*) FROM outbox_jobs
			WHERE accepted_at >= ${seedSince('(extract(epoch FROM now()) * 1000)::bigint')} GROUP BY 1, 2
		UNION ALL
		SELECT '${RELAY_SCOPE}', accepted_at / ${SEND_QUOTA_HOUR_MS}, count(*) FROM outbox_jobs
			WHERE accepted_at >= ${seedSince('(extract(epoch FROM now()) * 1000)::bigint')} GROUP BY 2
		ON CONFLICT (scope, hour) DO NOTHING;
	DROP INDEX IF EXISTS outbox_accepted;
	DROP INDEX IF EXISTS outbox_accepted_all;
`;

export const sqliteSendQuotaSchema = `
	CREATE TABLE IF NOT EXISTS send_counts (
		scope TEXT NOT NULL,
		hour INTEGER NOT NULL,
		n INTEGER NOT NULL,
		PRIMARY KEY (scope, hour)
	) STRICT, WITHOUT ROWID;
	INSERT OR IGNORE INTO send_counts (scope, hour, n)
		SELECT workspace_id, accepted_at / ${SEND_QUOTA_HOUR_MS}, count(*) FROM outbox_jobs
			WHERE accepted_at >= ${seedSince("CAST(strftime('%s', 'now') AS INTEGER) * 1000")} GROUP BY 1, 2
		UNION ALL
		SELECT '${RELAY_SCOPE}', accepted_at / ${SEND_QUOTA_HOUR_MS}, count(*) FROM outbox_jobs
			WHERE accepted_at >= ${seedSince("CAST(strftime('%s', 'now') AS INTEGER) * 1000")} GROUP BY 2;
	DROP INDEX IF EXISTS outbox_accepted;
	DROP INDEX IF EXISTS outbox_accepted_all;
`;
