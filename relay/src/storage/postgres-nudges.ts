import { SEEN_SINCE } from './nudge-sql.js';
import type { NudgeDueRecord, NudgeStore } from './nudge-store.js';
import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, type Row } from './row-mapping.js';

/**
 * Nudges on PostgreSQL (migration 6), shared by every relay process. A claim takes due dates
 * with FOR UPDATE SKIP LOCKED and leases them, so two processes sweeping at once never mail
 * about the same date; a date whose process died is taken again once its lease ran out.
 */
export function createPostgresNudges({ pool, transaction }: PostgresDatabase): NudgeStore {
	/** Replaces the workspace's dates with `dues`, in the caller's transaction. */
	const putDues = async (sql: Sql, workspaceId: string, dues: readonly NudgeDueRecord[]) => {
		await sql.query('DELETE FROM nudge_dues WHERE workspace_id = $1', [workspaceId]);
		await sql.query(
			`INSERT INTO nudge_dues (workspace_id, due_date, due_at, count)
			 SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::integer[])`,
			[
				workspaceId,
				dues.map((due) => due.date),
				dues.map((due) => due.dueAt),
				dues.map((due) => due.count)
			]
		);
	};
	return {
		get: async (workspaceId) => {
			const row = (
				await pool.query<Row>(
					`SELECT s.email, (SELECT count(*)::integer FROM nudge_dues d WHERE d.workspace_id = s.workspace_id) AS dates
					 FROM nudge_subscriptions s WHERE s.workspace_id = $1`,
					[workspaceId]
				)
			).rows[0];
			return row === undefined
				? undefined
				: { sealedEmail: str(row, 'email'), dates: num(row, 'dates') };
		},
		subscribe: (workspaceId, sealedEmail, dues, now) =>
			transaction(async (sql) => {
				await sql.query(
					`INSERT INTO nudge_subscriptions (workspace_id, email, created_at, updated_at) VALUES ($1, $2, $3, $3)
					 ON CONFLICT (workspace_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
					[workspaceId, sealedEmail, now]
				);
				await putDues(sql, workspaceId, dues);
			}),
		replaceDues: (workspaceId, dues, now) =>
			transaction(async (sql) => {
				const subscribed = await sql.query(
					'UPDATE nudge_subscriptions SET updated_at = $2 WHERE workspace_id = $1 RETURNING workspace_id',
					[workspaceId, now]
				);
				if (subscribed.rowCount === 0) return false;
				await putDues(sql, workspaceId, dues);
				return true;
			}),
		unsubscribe: (workspaceId) =>
			transaction(async (sql) => {
				await sql.query('DELETE FROM nudge_dues WHERE workspace_id = $1', [workspaceId]);
				await sql.query('DELETE FROM nudge_subscriptions WHERE workspace_id = $1', [workspaceId]);
			}),
		claimDue: async (now, graceMs, leaseMs, limit) =>
			(
				await pool.query<Row>(
					`WITH due AS (
					   SELECT d.workspace_id, d.due_date FROM nudge_dues d
					   WHERE d.done_at IS NULL AND (d.claimed_until IS NULL OR d.claimed_until <= $1)
					     AND d.due_at + $2::bigint <= $1 AND NOT ${SEEN_SINCE}
					   ORDER BY d.due_at
					   LIMIT $4
					   FOR UPDATE OF d SKIP LOCKED
					 )
					 UPDATE nudge_dues n SET claimed_until = $1::bigint + $3::bigint
					 FROM due, nudge_subscriptions s
					 WHERE n.workspace_id = due.workspace_id AND n.due_date = due.due_date
					   AND s.workspace_id = n.workspace_id
					 RETURNING n.workspace_id, n.due_date, n.count, s.email`,
					[now, graceMs, leaseMs, limit]
				)
			).rows.map((row) => ({
				workspaceId: str(row, 'workspace_id'),
				date: str(row, 'due_date'),
				count: num(row, 'count'),
				sealedEmail: str(row, 'email')
			})),
		finish: async (workspaceId, date, now) => {
			await pool.query(
				'UPDATE nudge_dues SET done_at = $3, claimed_until = NULL WHERE workspace_id = $1 AND due_date = $2',
				[workspaceId, date, now]
			);
		},
		release: async (workspaceId, date, retryAt) => {
			await pool.query(
				'UPDATE nudge_dues SET claimed_until = $3 WHERE workspace_id = $1 AND due_date = $2',
				[workspaceId, date, retryAt]
			);
		},
		dropResolved: async (now, graceMs) =>
			(
				await pool.query(
					`DELETE FROM nudge_dues d WHERE d.done_at IS NULL AND d.due_at + $2::bigint <= $1 AND ${SEEN_SINCE}`,
					[now, graceMs]
				)
			).rowCount ?? 0
	};
}
