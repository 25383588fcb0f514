import type Database from 'better-sqlite3';
import { SEEN_SINCE } from './nudge-sql.js';
import type { ClaimedNudge, NudgeDueRecord, NudgeStore } from './nudge-store.js';
import { num, str, type Row } from './row-mapping.js';

/** Nudges on SQLite (migration 10). One process owns the database, so a claim is one transaction. */
export function createSqliteNudges(db: Database.Database): NudgeStore {
	const q = {
		get: db.prepare(
			`SELECT s.email, (SELECT count(*) FROM nudge_dues d WHERE d.workspace_id = s.workspace_id) AS dates
			 FROM nudge_subscriptions s WHERE s.workspace_id = ?`
		),
		upsert: db.prepare(
			`INSERT INTO nudge_subscriptions (workspace_id, email, created_at, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT(workspace_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`
		),
		subscribed: db.prepare('SELECT 1 FROM nudge_subscriptions WHERE workspace_id = ?'),
		touch: db.prepare('UPDATE nudge_subscriptions SET updated_at = ? WHERE workspace_id = ?'),
		clearDues: db.prepare('DELETE FROM nudge_dues WHERE workspace_id = ?'),
		insertDue: db.prepare(
			'INSERT INTO nudge_dues (workspace_id, due_date, due_at, count) VALUES (?, ?, ?, ?)'
		),
		removeSubscription: db.prepare('DELETE FROM nudge_subscriptions WHERE workspace_id = ?'),
		due: db.prepare(
			`SELECT d.workspace_id, d.due_date, d.count, s.email FROM nudge_dues d
			 JOIN nudge_subscriptions s ON s.workspace_id = d.workspace_id
			 WHERE d.done_at IS NULL AND (d.claimed_until IS NULL OR d.claimed_until <= ?)
			   AND d.due_at + ? <= ? AND NOT ${SEEN_SINCE}
			 ORDER BY d.due_at LIMIT ?`
		),
		lease: db.prepare(
			'UPDATE nudge_dues SET claimed_until = ? WHERE workspace_id = ? AND due_date = ?'
		),
		finish: db.prepare(
			'UPDATE nudge_dues SET done_at = ?, claimed_until = NULL WHERE workspace_id = ? AND due_date = ?'
		),
		dropResolved: db.prepare(
			`DELETE FROM nudge_dues AS d WHERE d.done_at IS NULL AND d.due_at + ? <= ? AND ${SEEN_SINCE}`
		)
	};
	const putDues = (workspaceId: string, dues: readonly NudgeDueRecord[]): void => {
		q.clearDues.run(workspaceId);
		for (const due of dues) q.insertDue.run(workspaceId, due.date, due.dueAt, due.count);
	};
	const subscribeTx = db.transaction(
		(workspaceId: string, sealedEmail: string, dues: readonly NudgeDueRecord[], now: number) => {
			q.upsert.run(workspaceId, sealedEmail, now, now);
			putDues(workspaceId, dues);
		}
	);
	const replaceTx = db.transaction(
		(workspaceId: string, dues: readonly NudgeDueRecord[], now: number): boolean => {
			if (q.subscribed.get(workspaceId) === undefined) return false;
			q.touch.run(now, workspaceId);
			putDues(workspaceId, dues);
			return true;
		}
	);
	const unsubscribeTx = db.transaction((workspaceId: string) => {
		q.clearDues.run(workspaceId);
		q.removeSubscription.run(workspaceId);
	});
	const claimTx = db.transaction(
		(now: number, graceMs: number, leaseMs: number, limit: number): ClaimedNudge[] => {
			const claimed = (q.due.all(now, graceMs, now, limit) as Row[]).map((row) => ({
				workspaceId: str(row, 'workspace_id'),
				date: str(row, 'due_date'),
				count: num(row, 'count'),
				sealedEmail: str(row, 'email')
			}));
			for (const nudge of claimed) q.lease.run(now + leaseMs, nudge.workspaceId, nudge.date);
			return claimed;
		}
	);
	return {
		get: async (workspaceId) => {
			const row = q.get.get(workspaceId) as Row | undefined;
			return row === undefined
				? undefined
				: { sealedEmail: str(row, 'email'), dates: num(row, 'dates') };
		},
		subscribe: async (workspaceId, sealedEmail, dues, now) =>
			subscribeTx.immediate(workspaceId, sealedEmail, dues, now),
		replaceDues: async (workspaceId, dues, now) => replaceTx.immediate(workspaceId, dues, now),
		unsubscribe: async (workspaceId) => unsubscribeTx.immediate(workspaceId),
		claimDue: async (now, graceMs, leaseMs, limit) =>
			claimTx.immediate(now, graceMs, leaseMs, limit),
		finish: async (workspaceId, date, now) => {
			q.finish.run(now, workspaceId, date);
		},
		release: async (workspaceId, date, retryAt) => {
			q.lease.run(retryAt, workspaceId, date);
		},
		dropResolved: async (now, graceMs) => q.dropResolved.run(graceMs, now).changes
	};
}
