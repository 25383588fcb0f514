import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAX_SERIES_NUMBER } from '../protocol/index.js';
import { hashToken } from '../auth/tokens.js';
import { migrations } from './migrations.js';
import { createSqliteDeviceStores } from './sqlite-devices.js';
import { createSqliteInbox } from './sqlite-inbox.js';
import { createSqlitePeppolConnections } from './sqlite-peppol-connections.js';
import { createSqliteSyncLog } from './sqlite-sync-log.js';
import type {
	EnqueueOutcome,
	IssueCommand,
	IssueOutcome,
	JobRecord,
	JobWarning,
	MailPreviewRecord,
	PeppolVia,
	SendQuota,
	SeriesState,
	Storage
} from './storage.js';

type Row = Record<string, unknown>;

const str = (row: Row, key: string): string => {
	const value = row[key];
	if (typeof value !== 'string') throw new Error(`storage: column ${key} is not text`);
	return value;
};
const num = (row: Row, key: string): number => {
	const value = row[key];
	if (typeof value !== 'number') throw new Error(`storage: column ${key} is not an integer`);
	return value;
};
const strOrNull = (row: Row, key: string): string | null =>
	row[key] === null ? null : str(row, key);
const numOrNull = (row: Row, key: string): number | null =>
	row[key] === null ? null : num(row, key);

function toJob(row: Row): JobRecord {
	const documentType = str(row, 'document_type');
	const status = str(row, 'status');
	const channel = strOrNull(row, 'channel');
	const retryable = numOrNull(row, 'error_retryable');
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		invoiceId: str(row, 'invoice_id'),
		resend: num(row, 'resend'),
		deviceId: str(row, 'device_id'),
		documentType: documentType === 'credit-note' ? 'credit-note' : 'invoice',
		status: status === 'sending' || status === 'sent' || status === 'failed' ? status : 'queued',
		channel: channel === 'peppol' || channel === 'email' ? channel : null,
		recipient: strOrNull(row, 'recipient'),
		attempts: num(row, 'attempts'),
		nextAttemptAt: numOrNull(row, 'next_attempt_at'),
		messageId: strOrNull(row, 'message_id'),
		errorReason: strOrNull(row, 'error_reason'),
		errorRetryable: retryable === null ? null : retryable === 1,
		errorCode: strOrNull(row, 'error_code'),
		warnings: JSON.parse(str(row, 'warnings')) as JobWarning[],
		via: row['via'] === null ? null : (JSON.parse(str(row, 'via')) as PeppolVia),
		createdAt: num(row, 'created_at'),
		updatedAt: num(row, 'updated_at'),
		acceptedAt: num(row, 'accepted_at'),
		sentAt: numOrNull(row, 'sent_at'),
		contentDeletedAt: numOrNull(row, 'content_deleted_at')
	};
}

function toPreview(row: Row): MailPreviewRecord {
	return {
		id: str(row, 'id'),
		workspaceId: str(row, 'workspace_id'),
		jobId: str(row, 'job_id'),
		invoiceId: str(row, 'invoice_id'),
		to: JSON.parse(str(row, 'recipients')) as string[],
		subject: str(row, 'subject'),
		sizeBytes: num(row, 'size_bytes'),
		fileName: str(row, 'file_name'),
		createdAt: num(row, 'created_at')
	};
}

function migrate(db: Database.Database): void {
	const current = db.pragma('user_version', { simple: true });
	const version = typeof current === 'number' ? current : 0;
	if (version >= migrations.length) return;
	db.function('billfold_sha256', { deterministic: true }, (value: unknown) =>
		hashToken(String(value))
	);
	// A step may replace a secret by its hash: the connection zeroes freed bytes (secure_delete,
	// set by the caller), and the WAL is copied into the database and truncated afterwards.
	for (let step = version; step < migrations.length; step++) {
		const sql = migrations[step];
		if (sql === undefined) break;
		db.transaction(() => {
			db.exec(sql);
			const broken = db.pragma('foreign_key_check') as unknown[];
			if (broken.length > 0) throw new Error(`migration ${step + 1} broke foreign keys`);
			db.pragma(`user_version = ${step + 1}`);
		}).immediate();
	}
	db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * SQLite in WAL mode. Commits run on the event loop without waiting for the disk
 * (synchronous=NORMAL); durable() then fdatasyncs the WAL on libuv's thread pool, one flush for
 * every commit made while the previous flush ran (group commit). A 201/202 is sent only after
 * durable(), so neither a crash nor a power cut can lose an acknowledged job or hand the same
 * invoice number out twice, and the event loop never blocks on fsync.
 */
export function openSqliteStorage(dataDir: string): Storage {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, 'relay.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	// Deleted rows are overwritten with zeros, so purged invoices do not linger in free space.
	db.pragma('secure_delete = ON');
	// Schema changes that rebuild a table run with foreign keys off, as SQLite prescribes (the
	// driver turns them on by default); the check in each step proves every reference survived.
	db.pragma('foreign_keys = OFF');
	migrate(db);
	db.pragma('foreign_keys = ON');
	const wal = walFlusher(path.join(dataDir, 'relay.sqlite-wal'));

	const q = {
		issuedGet: db.prepare('SELECT * FROM issued_numbers WHERE workspace_id = ? AND invoice_id = ?'),
		seriesGet: db.prepare('SELECT * FROM series WHERE workspace_id = ? AND series_id = ?'),
		seriesUpsert: db.prepare(
			`INSERT INTO series (workspace_id, series_id, last_number, last_issue_date) VALUES (?, ?, ?, ?)
			 ON CONFLICT(workspace_id, series_id) DO UPDATE SET last_number = excluded.last_number, last_issue_date = excluded.last_issue_date`
		),
		issuedInsert: db.prepare(
			`INSERT INTO issued_numbers (workspace_id, invoice_id, series_id, number, issue_date, issued_at, device_id)
			 VALUES (?, ?, ?, ?, ?, ?, ?)`
		),
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
			'SELECT count(*) AS n FROM outbox_jobs WHERE workspace_id = ? AND accepted_at >= ?'
		),
		acceptedSinceAll: db.prepare('SELECT count(*) AS n FROM outbox_jobs WHERE accepted_at >= ?'),
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
		),
		previewInsert: db.prepare(
			`INSERT INTO mail_previews (id, workspace_id, job_id, invoice_id, recipients, subject, size_bytes, file_name, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		previewsOf: db.prepare(
			'SELECT * FROM mail_previews WHERE workspace_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'
		),
		previewGet: db.prepare('SELECT * FROM mail_previews WHERE workspace_id = ? AND id = ?'),
		previewsBefore: db.prepare('SELECT * FROM mail_previews WHERE created_at < ?'),
		previewDelete: db.prepare('DELETE FROM mail_previews WHERE id = ?')
	};

	const requireJob = (jobId: string): JobRecord => {
		const row = q.jobById.get(jobId) as Row | undefined;
		if (row === undefined) throw new Error(`storage: job ${jobId} vanished`);
		return toJob(row);
	};

	const issueOne = (c: IssueCommand): IssueOutcome => {
		const existing = q.issuedGet.get(c.workspaceId, c.invoiceId) as Row | undefined;
		if (existing !== undefined) {
			const seriesId = str(existing, 'series_id');
			if (seriesId !== c.seriesId) return { kind: 'conflict', seriesId };
			return {
				kind: 'replayed',
				seriesId,
				number: num(existing, 'number'),
				issueDate: str(existing, 'issue_date'),
				issuedAt: num(existing, 'issued_at')
			};
		}
		const series = q.seriesGet.get(c.workspaceId, c.seriesId) as Row | undefined;
		const lastNumber = series === undefined ? 0 : num(series, 'last_number');
		const lastDate = series === undefined ? null : strOrNull(series, 'last_issue_date');
		// Also catches a series seeded past the bound before it existed.
		if (lastNumber >= MAX_SERIES_NUMBER) return { kind: 'exhausted', lastNumber };
		const number = lastNumber + 1;
		// ISO dates compare correctly as strings.
		const issueDate = lastDate !== null && lastDate > c.issueDate ? lastDate : c.issueDate;
		q.seriesUpsert.run(c.workspaceId, c.seriesId, number, issueDate);
		q.issuedInsert.run(c.workspaceId, c.invoiceId, c.seriesId, number, issueDate, c.at, c.deviceId);
		return { kind: 'issued', seriesId: c.seriesId, number, issueDate, issuedAt: c.at };
	};
	const issueTx = db.transaction(issueOne);

	const enqueueTx = db.transaction(
		(
			job: Parameters<Storage['outbox']['enqueue']>[0],
			content: string,
			quota: SendQuota
		): EnqueueOutcome => {
			const existingRow = q.jobByInvoice.get(job.workspaceId, job.invoiceId, job.resend) as
				Row | undefined;
			const existing = existingRow === undefined ? undefined : toJob(existingRow);
			if (existing !== undefined && existing.status !== 'failed')
				return { kind: 'existing', job: existing };
			const accepted = num(q.acceptedSince.get(job.workspaceId, quota.since) as Row, 'n');
			if (accepted >= quota.limit)
				return { kind: 'quota-exceeded', scope: 'workspace', limit: quota.limit };
			const acceptedByRelay = num(q.acceptedSinceAll.get(quota.since) as Row, 'n');
			if (acceptedByRelay >= quota.relayLimit)
				return { kind: 'quota-exceeded', scope: 'relay', limit: quota.relayLimit };
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

	const removePreviewsTx = db.transaction((before: number): MailPreviewRecord[] => {
		const rows = (q.previewsBefore.all(before) as Row[]).map(toPreview);
		for (const preview of rows) q.previewDelete.run(preview.id);
		return rows;
	});

	return {
		...createSqliteDeviceStores(db),
		sequencer: {
			issue: (command) => issueTx.immediate(command),
			getSeries: (workspaceId, seriesId): SeriesState | undefined => {
				const row = q.seriesGet.get(workspaceId, seriesId) as Row | undefined;
				if (row === undefined) return undefined;
				return {
					seriesId,
					lastNumber: num(row, 'last_number'),
					lastIssueDate: strOrNull(row, 'last_issue_date')
				};
			},
			seed: (workspaceId, state) =>
				db
					.transaction(() => {
						const row = q.seriesGet.get(workspaceId, state.seriesId) as Row | undefined;
						if (row !== undefined && num(row, 'last_number') > 0) return 'in-use' as const;
						q.seriesUpsert.run(workspaceId, state.seriesId, state.lastNumber, state.lastIssueDate);
						return 'seeded' as const;
					})
					.immediate()
		},
		outbox: {
			enqueue: (job, content, quota) => enqueueTx.immediate(job, content, quota),
			get: (workspaceId, jobId) => {
				const row = q.jobInWorkspace.get(workspaceId, jobId) as Row | undefined;
				return row === undefined ? undefined : toJob(row);
			},
			list: (workspaceId, filter) =>
				(filter.invoiceId === undefined
					? (q.jobsOf.all(workspaceId, filter.limit) as Row[])
					: (q.jobsOfInvoice.all(workspaceId, filter.invoiceId, filter.limit) as Row[])
				).map(toJob),
			claimDue: (now, limit) => claimTx.immediate(now, limit),
			loadContent: (jobId) => {
				const row = q.contentGet.get(jobId) as Row | undefined;
				return row === undefined ? undefined : str(row, 'body');
			},
			markSent: (jobId, d, at, purgeAt) => {
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
			markRetry: (jobId, reason, nextAt, at, code = null) => {
				q.jobRetry.run(reason, code, nextAt, at, jobId);
				return requireJob(jobId);
			},
			markFailed: (jobId, reason, at, purgeAt, code = null) => {
				q.jobFailed.run(reason, code, at, purgeAt, jobId);
				return requireJob(jobId);
			},
			requeueInterrupted: (at) => requeueTx.immediate(at),
			nextDueAt: () => {
				const row = q.nextDue.get() as Row;
				return numOrNull(row, 't') ?? undefined;
			},
			purgeContent: (now, limit) => purgeTx.immediate(now, limit)
		},
		mailPreviews: {
			add: (p) => {
				q.previewInsert.run(
					p.id,
					p.workspaceId,
					p.jobId,
					p.invoiceId,
					JSON.stringify(p.to),
					p.subject,
					p.sizeBytes,
					p.fileName,
					p.createdAt
				);
			},
			list: (workspaceId, limit) => (q.previewsOf.all(workspaceId, limit) as Row[]).map(toPreview),
			get: (workspaceId, id) => {
				const row = q.previewGet.get(workspaceId, id) as Row | undefined;
				return row === undefined ? undefined : toPreview(row);
			},
			removeOlderThan: (before) => removePreviewsTx.immediate(before)
		},
		syncLog: createSqliteSyncLog(db),
		peppolConnections: createSqlitePeppolConnections(db),
		inbox: createSqliteInbox(db),
		durable: wal.durable,
		reclaimDeletedSpace: () => {
			const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
			if (result?.busy !== 0) throw new Error('storage: the WAL checkpoint could not complete');
		},
		close: () => {
			wal.close();
			db.close();
		}
	};
}

/** A mail server's reply may quote the recipient; after retention the reason keeps no address. */
function withoutAddresses(reason: string): string {
	return reason.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '[address removed]');
}

/** Coalescing fdatasync of the WAL file: callers that arrive during a flush share the next one. */
function walFlusher(walPath: string): { durable: () => Promise<void>; close: () => void } {
	let handle: fsp.FileHandle | undefined;
	let running: Promise<void> | undefined;
	let next: Promise<void> | undefined;
	const flush = async (): Promise<void> => {
		if (handle === undefined) {
			try {
				handle = await fsp.open(walPath, 'r');
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
				throw error;
			}
		}
		await handle.datasync();
	};
	const durable = (): Promise<void> => {
		if (running === undefined) {
			running = flush().finally(() => (running = undefined));
			return running;
		}
		next ??= running
			.catch(() => undefined)
			.then(() => {
				next = undefined;
				return durable();
			});
		return next;
	};
	const close = (): void => {
		const open = handle;
		handle = undefined;
		// The descriptor is closed when the last flush in flight has finished with it.
		void (running ?? Promise.resolve())
			.catch(() => undefined)
			.then(() => open?.close())
			.catch(() => undefined);
	};
	return { durable, close };
}
