import type Database from 'better-sqlite3';
import type { EnqueueOutcome, JobRecord, NewJob, OutboxStore, SendQuota } from './outbox-store.js';
import {
	num,
	numOrNull,
	str,
	strOrNull,
	toJob,
	withoutAddresses,
	type Row
} from './row-mapping.js';
import { RELAY_SCOPE, SEND_QUOTA_HOUR_MS } from './send-quota-schema.js';

/**
 * The outbox on SQLite. One process owns the data directory, so a job left 'sending' can only be
 * an interrupted delivery of this process's previous run: requeueInterrupted() puts it back.
 */
export function createSqliteOutbox(db: Database.Database): OutboxStore {
	const q = {
		jobByInvoice: db.prepare(
			'SELECT * FROM outbox_jobs WHERE workspace_id = ? AND invoice_id = ? AND resend = ?'
		),
		jobById: db.prepare('SELECT * FROM outbox_jobs WHERE id = ?'),
		jobInWorkspace: db.prepare('SELECT * FROM outbox_jobs WHERE workspace_id = ? AND id = ?'),
		jobsOf: db.prepare(
			'SELECT * FROM outbox_jobs WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'
		),
		jobsOfInvoice: db.prepare(
			'SELECT * FROM outbox_jobs WHERE workspace_id = ? AND invoice_id = ? LIMIT ?'
		),
		acceptedSince: db.prepare(
			'SELECT coalesce(sum(n), 0) AS n FROM send_counts WHERE scope = ? AND hour >= ?'
		),
		countAccepted: db.prepare(
			'INSERT INTO send_counts (scope, hour, n) VALUES (?, ?, 1) ON CONFLICT (scope, hour) DO UPDATE SET n = n + 1'
		),
		forgetCounts: db.prepare('DELETE FROM send_counts WHERE scope IN (?, ?) AND hour < ?'),
		jobInsert: db.prepare(
			`INSERT INTO outbox_jobs (id, workspace_id, invoice_id, resend, device_id, document_type, status,
			   next_attempt_at, created_at, updated_at, accepted_at)
			 VALUES (@id, @workspaceId, @invoiceId, @resend, @deviceId, @documentType, 'queued', @at, @at, @at, @at)`
		),
		jobRequeue: db.prepare(
			`UPDATE outbox_jobs SET status = 'queued', attempts = 0, next_attempt_at = @at, error_reason = NULL,
			   error_retryable = NULL, error_code = NULL, via = NULL, warnings = '[]', channel = NULL, recipient = NULL, updated_at = @at,
			   accepted_at = @at, device_id = @deviceId, document_type = @documentType, purge_content_at = NULL,
			   content_deleted_at = NULL
			 WHERE id = @id`
		),
		contentUpsert: db.prepare(
			'INSERT INTO outbox_content (job_id, body) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET body = excluded.body'
		),
		contentGet: db.prepare('SELECT body FROM outbox_content WHERE job_id = ?'),
		dueJobs: db.prepare(
			`SELECT * FROM outbox_jobs WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`
		),
		jobClaim: db.prepare(
			`UPDATE outbox_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`
		),
		jobSent: db.prepare(
			`UPDATE outbox_jobs SET status = 'sent', channel = ?, recipient = ?, message_id = ?, warnings = ?, via = ?, error_reason = NULL,
			   error_retryable = NULL, error_code = NULL, next_attempt_at = NULL, sent_at = ?, updated_at = ?, purge_content_at = ? WHERE id = ?`
		),
		jobRetry: db.prepare(
			`UPDATE outbox_jobs SET status = 'queued', error_reason = ?, error_code = ?, error_retryable = 1, next_attempt_at = ?,
			   updated_at = ? WHERE id = ?`
		),
		jobFailed: db.prepare(
			`UPDATE outbox_jobs SET status = 'failed', error_reason = ?, error_code = ?, error_retryable = 0, next_attempt_at = NULL,
			   updated_at = ?, purge_content_at = ? WHERE id = ?`
		),
		interrupted: db.prepare(`SELECT id FROM outbox_jobs WHERE status = 'sending'`),
		requeueInterrupted: db.prepare(
			`UPDATE outbox_jobs SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE status = 'sending'`
		),
		nextDue: db.prepare(
			`SELECT min(next_attempt_at) AS t FROM outbox_jobs WHERE status = 'queued'`
		),
		purgeable: db.prepare(
			'SELECT id, error_reason FROM outbox_jobs WHERE content_deleted_at IS NULL AND purge_content_at IS NOT NULL AND purge_content_at <= ? LIMIT ?'
		),
		contentDelete: db.prepare('DELETE FROM outbox_content WHERE job_id = ?'),
		jobContentDeleted: db.prepare(
			'UPDATE outbox_jobs SET content_deleted_at = ?, error_reason = ? WHERE id = ?'
		)
	};

	const requireJob = (jobId: string): JobRecord => {
		const row = q.jobById.get(jobId) as Row | undefined;
		if (row === undefined) throw new Error(`storage: job ${jobId} vanished`);
		return toJob(row);
	};

	const enqueueTx = db.transaction(
		(job: NewJob, content: string, quota: SendQuota): EnqueueOutcome => {
			const existingRow = q.jobByInvoice.get(job.workspaceId, job.invoiceId, job.resend) as
				Row | undefined;
			const existing = existingRow === undefined ? undefined : toJob(existingRow);
			if (existing !== undefined && existing.status !== 'failed')
				return { kind: 'existing', job: existing };
			const from = Math.floor(quota.since / SEND_QUOTA_HOUR_MS);
			const accepted = num(q.acceptedSince.get(job.workspaceId, from) as Row, 'n');
			if (accepted >= quota.limit)
				return { kind: 'quota-exceeded', scope: 'workspace', limit: quota.limit };
			const acceptedByRelay = num(q.acceptedSince.get(RELAY_SCOPE, from) as Row, 'n');
			if (acceptedByRelay >= quota.relayLimit)
				return { kind: 'quota-exceeded', scope: 'relay', limit: quota.relayLimit };
			const hour = Math.floor(job.at / SEND_QUOTA_HOUR_MS);
			q.countAccepted.run(job.workspaceId, hour);
			q.countAccepted.run(RELAY_SCOPE, hour);
			q.forgetCounts.run(job.workspaceId, RELAY_SCOPE, from);
			if (existing === undefined) {
				q.jobInsert.run(job);
				q.contentUpsert.run(job.id, content);
				return { kind: 'created', job: requireJob(job.id) };
			}
			q.jobRequeue.run({
				id: existing.id,
				at: job.at,
				deviceId: job.deviceId,
				documentType: job.documentType
			});
			q.contentUpsert.run(existing.id, content);
			return { kind: 'requeued', job: requireJob(existing.id) };
		}
	);

	const claimTx = db.transaction((now: number, limit: number): JobRecord[] => {
		const rows = q.dueJobs.all(now, limit) as Row[];
		return rows.map((row) => {
			const id = str(row, 'id');
			q.jobClaim.run(now, id);
			return requireJob(id);
		});
	});

	const purgeTx = db.transaction((now: number, limit: number): string[] => {
		const rows = q.purgeable.all(now, limit) as Row[];
		for (const row of rows) {
			const id = str(row, 'id');
			const reason = strOrNull(row, 'error_reason');
			q.contentDelete.run(id);
			q.jobContentDeleted.run(now, reason === null ? null : withoutAddresses(reason), id);
		}
		return rows.map((row) => str(row, 'id'));
	});

	const requeueTx = db.transaction((at: number): string[] => {
		const ids = (q.interrupted.all() as Row[]).map((row) => str(row, 'id'));
		q.requeueInterrupted.run(at, at);
		return ids;
	});

	const get = (workspaceId: string, jobId: string): JobRecord | undefined => {
		const row = q.jobInWorkspace.get(workspaceId, jobId) as Row | undefined;
		return row === undefined ? undefined : toJob(row);
	};
	return {
		enqueue: async (job, content, quota) => enqueueTx.immediate(job, content, quota),
		get: async (workspaceId, jobId) => get(workspaceId, jobId),
		getMany: async (keys) => keys.map((key) => get(key.workspaceId, key.jobId)),
		list: async (workspaceId, filter) =>
			(filter.invoiceId === undefined
				? (q.jobsOf.all(workspaceId, filter.limit) as Row[])
				: (q.jobsOfInvoice.all(workspaceId, filter.invoiceId, filter.limit) as Row[])
			).map(toJob),
		claimDue: async (now, limit) => claimTx.immediate(now, limit),
		// One process owns the data directory: nobody else can claim a job it is delivering.
		extendLeases: async () => undefined,
		loadContent: async (jobId) => {
			const row = q.contentGet.get(jobId) as Row | undefined;
			return row === undefined ? undefined : str(row, 'body');
		},
		markSent: async (jobId, d, at, purgeAt) => {
			q.jobSent.run(
				d.channel,
				d.recipient,
				d.messageId,
				JSON.stringify(d.warnings),
				d.via === undefined || d.via === null ? null : JSON.stringify(d.via),
				at,
				at,
				purgeAt,
				jobId
			);
			return requireJob(jobId);
		},
		markRetry: async (jobId, reason, nextAt, at, code = null) => {
			q.jobRetry.run(reason, code, nextAt, at, jobId);
			return requireJob(jobId);
		},
		markFailed: async (jobId, reason, at, purgeAt, code = null) => {
			q.jobFailed.run(reason, code, at, purgeAt, jobId);
			return requireJob(jobId);
		},
		requeueInterrupted: async (at) => requeueTx.immediate(at),
		nextDueAt: async () => numOrNull(q.nextDue.get() as Row, 't') ?? undefined,
		purgeContent: async (now, limit) => purgeTx.immediate(now, limit)
	};
}
