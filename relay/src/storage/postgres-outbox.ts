import type {
	Delivered,
	EnqueueOutcome,
	JobKey,
	JobRecord,
	NewJob,
	OutboxStore,
	SendQuota
} from './outbox-store.js';
import { batchedCalls, byOrd, MAX_BATCH_BYTES } from './postgres-batch.js';
import type { PostgresDatabase } from './postgres-database.js';
import {
	num,
	numOrNull,
	str,
	strOrNull,
	toJob,
	withoutAddresses,
	type Row
} from './row-mapping.js';

/** The job row the enqueue routine returns as JSON (to_jsonb of an outbox_jobs row). */
function jobColumns(row: Row): Row {
	const job = row['job'];
	if (typeof job !== 'object' || job === null) throw new Error('storage: column job is not a row');
	return job as Row;
}

/** A send's weight in its batch: the bytes of its content (postgres-batch.ts). */
const contentBytes = (call: { content: string }): number => Buffer.byteLength(call.content);

interface SentCall {
	jobId: string;
	delivered: Delivered;
	at: number;
	purgeAt: number;
}

interface EnqueueCall {
	job: NewJob;
	content: string;
	quota: SendQuota;
}

/** One row of billfold_enqueue_many_v3 as the store's outcome. */
function toOutcome(row: Row): EnqueueOutcome {
	const kind = str(row, 'kind');
	switch (kind) {
		case 'created':
		case 'requeued':
		case 'existing':
			return { kind, job: toJob(jobColumns(row)) };
		case 'quota-exceeded':
			return {
				kind,
				scope: str(row, 'quota_scope') === 'relay' ? 'relay' : 'workspace',
				limit: num(row, 'quota_limit')
			};
		default:
			throw new Error(`storage: billfold_enqueue_many_v3 returned ${kind}`);
	}
}

/**
 * The outbox on PostgreSQL, shared by every relay process. A claim takes due jobs with
 * FOR UPDATE SKIP LOCKED, so concurrent workers never take the same job, and leases it until
 * now + leaseMs; a job still 'sending' after its lease (its process died) is claimed again by any
 * worker. An enqueue is one item of a call of billfold_enqueue_many_v3 (the enqueues that arrived
 * while the previous call ran, postgres-batch.ts), which runs billfold_enqueue_v3
 * (postgres-routines.ts) for each and counts the accepted ones last: it
 * locks its workspace's row, so the per-workspace quota holds across processes, and announces the
 * queued job to the other processes' workers in its commit (the events' origin is this process's,
 * so this process ignores its own announcement and notifies its worker itself).
 */
export function createPostgresOutbox(
	{ pool, transaction, statement }: PostgresDatabase,
	leaseMs: number,
	origin: string
): OutboxStore {
	const updated = async (text: string, values: unknown[]): Promise<JobRecord> => {
		const row = (await pool.query<Row>(`${text} RETURNING *`, values)).rows[0];
		if (row === undefined) throw new Error('storage: job vanished');
		return toJob(row);
	};

	// Each content is a parameter, and a call's parameters travel in one message (at most 1 GB):
	// a batch closes at MAX_BATCH_BYTES of content.
	const enqueue = batchedCalls(async (calls: EnqueueCall[]): Promise<EnqueueOutcome[]> => {
		// Each content is a parameter of its own: sent as it is, not escaped into an array literal.
		const contents = calls.map((_, i) => `$${i + 12}`).join(', ');
		const rows = await statement<Row>(
			`SELECT * FROM billfold_enqueue_many_v3($1::text[], $2::text[], $3::text[], $4::integer[],
			   $5::text[], $6::text[], $7::bigint[], ARRAY[${contents}]::text[], $8::bigint[], $9::bigint[],
			   $10::bigint[], $11) ORDER BY ord`,
			[
				calls.map((c) => c.job.id),
				calls.map((c) => c.job.workspaceId),
				calls.map((c) => c.job.invoiceId),
				calls.map((c) => c.job.resend),
				calls.map((c) => c.job.deviceId),
				calls.map((c) => c.job.documentType),
				calls.map((c) => c.job.at),
				calls.map((c) => c.quota.limit),
				calls.map((c) => c.quota.relayLimit),
				calls.map((c) => c.quota.since),
				origin,
				...calls.map((c) => c.content)
			]
		);
		return byOrd(rows, calls.length, toOutcome);
	}, contentBytes);

	// A claim hands the worker several jobs at once; their contents come in as few queries as
	// keep each answer within MAX_BATCH_BYTES, as a batch of enqueues is: a query returns the
	// contents, in the order asked, up to that total (at least one), and the rest go next.
	const loadContent = batchedCalls(async (jobIds: string[]) => {
		const bodies = new Map<string, string | undefined>();
		let rest = jobIds;
		while (rest.length > 0) {
			const { rows } = await pool.query<Row>(
				`SELECT id, found, CASE WHEN upto <= $2 OR upto = own THEN body END AS body
				 FROM (
				   SELECT u.id, c.body, c.job_id IS NOT NULL AS found,
				     coalesce(octet_length(c.body), 0) AS own,
				     coalesce(sum(octet_length(c.body)) OVER (ORDER BY u.ord), 0) AS upto
				   FROM unnest($1::text[]) WITH ORDINALITY AS u(id, ord)
				   LEFT JOIN outbox_content c ON c.job_id = u.id
				 ) t`,
				[rest, MAX_BATCH_BYTES]
			);
			for (const row of rows) {
				const body = strOrNull(row, 'body');
				if (body !== null || row['found'] !== true) bodies.set(str(row, 'id'), body ?? undefined);
			}
			const next = rest.filter((id) => !bodies.has(id));
			if (next.length === rest.length) throw new Error('storage: a claim loaded no content');
			rest = next;
		}
		return jobIds.map((id) => bodies.get(id));
	});

	const getMany = async (keys: readonly JobKey[]): Promise<(JobRecord | undefined)[]> => {
		const { rows } = await pool.query<Row>('SELECT * FROM outbox_jobs WHERE id = ANY($1::text[])', [
			[...new Set(keys.map((key) => key.jobId))]
		]);
		const found = new Map(rows.map((row) => [str(row, 'id'), row]));
		return keys.map(({ workspaceId, jobId }) => {
			const row = found.get(jobId);
			return row === undefined || row['workspace_id'] !== workspaceId ? undefined : toJob(row);
		});
	};
	// Reads that arrive while one runs (the API's, under load) go as one query.
	const get = batchedCalls(getMany);

	// Deliveries that finish while one outcome is written share the next statement.
	const markSent = batchedCalls(async (calls: SentCall[]): Promise<JobRecord[]> => {
		const rows = await statement<Row>(
			`UPDATE outbox_jobs j SET status = 'sent', channel = u.channel, recipient = u.recipient,
			   message_id = u.message_id, warnings = u.warnings, via = u.via, error_reason = NULL,
			   error_retryable = NULL, error_code = NULL, next_attempt_at = NULL, sent_at = u.at,
			   updated_at = u.at, purge_content_at = u.purge_at, lease_until = NULL
			 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
			   $7::bigint[], $8::bigint[]) AS u(id, channel, recipient, message_id, warnings, via, at, purge_at)
			 WHERE j.id = u.id
			 RETURNING j.*`,
			[
				calls.map((c) => c.jobId),
				calls.map((c) => c.delivered.channel),
				calls.map((c) => c.delivered.recipient),
				calls.map((c) => c.delivered.messageId),
				calls.map((c) => JSON.stringify(c.delivered.warnings)),
				calls.map((c) =>
					c.delivered.via === undefined || c.delivered.via === null
						? null
						: JSON.stringify(c.delivered.via)
				),
				calls.map((c) => c.at),
				calls.map((c) => c.purgeAt)
			]
		);
		const byId = new Map(rows.map((row) => [str(row, 'id'), toJob(row)]));
		return calls.map((c) => {
			const job = byId.get(c.jobId);
			if (job === undefined) throw new Error('storage: job vanished');
			return job;
		});
	});

	return {
		enqueue: (job, content, quota) => enqueue({ job, content, quota }),
		get: (workspaceId, jobId) => get({ workspaceId, jobId }),
		getMany,
		list: async (workspaceId, filter) =>
			(filter.invoiceId === undefined
				? await pool.query<Row>(
						'SELECT * FROM outbox_jobs WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
						[workspaceId, filter.limit]
					)
				: await pool.query<Row>(
						'SELECT * FROM outbox_jobs WHERE workspace_id = $1 AND invoice_id = $2 LIMIT $3',
						[workspaceId, filter.invoiceId, filter.limit]
					)
			).rows.map(toJob),
		claimDue: async (now, limit) =>
			(
				await pool.query<Row>(
					`WITH due AS (
					   SELECT id FROM outbox_jobs
					   WHERE (status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until <= $1)
					   ORDER BY next_attempt_at, created_at
					   LIMIT $2
					   FOR UPDATE SKIP LOCKED
					 )
					 UPDATE outbox_jobs j SET status = 'sending', attempts = j.attempts + 1, updated_at = $1,
					   lease_until = $1::bigint + $3::bigint
					 FROM due WHERE j.id = due.id
					 RETURNING j.*`,
					[now, limit, leaseMs]
				)
			).rows
				.map(toJob)
				.sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0)),
		extendLeases: async (jobIds, now) => {
			if (jobIds.length === 0) return;
			await pool.query(
				`UPDATE outbox_jobs SET lease_until = $2::bigint + $3::bigint
				 WHERE id = ANY($1::text[]) AND status = 'sending'`,
				[jobIds, now, leaseMs]
			);
		},
		loadContent,
		markSent: (jobId, delivered, at, purgeAt) => markSent({ jobId, delivered, at, purgeAt }),
		markRetry: (jobId, reason, nextAt, at, code = null) =>
			updated(
				`UPDATE outbox_jobs SET status = 'queued', error_reason = $2, error_code = $5, error_retryable = 1,
				   next_attempt_at = $3, updated_at = $4, lease_until = NULL
				 WHERE id = $1`,
				[jobId, reason, nextAt, at, code]
			),
		markFailed: (jobId, reason, at, purgeAt, code = null) =>
			updated(
				`UPDATE outbox_jobs SET status = 'failed', error_reason = $2, error_code = $5, error_retryable = 0,
				   next_attempt_at = NULL, updated_at = $3, purge_content_at = $4, lease_until = NULL
				 WHERE id = $1`,
				[jobId, reason, at, purgeAt, code]
			),
		// Other processes may be delivering right now: a dead process's jobs come back when their
		// lease ends (claimDue), never at another process's start.
		requeueInterrupted: async () => [],
		nextDueAt: async () =>
			numOrNull(
				(
					await pool.query<Row>(
						`SELECT least(
						   (SELECT min(next_attempt_at) FROM outbox_jobs WHERE status = 'queued'),
						   (SELECT min(lease_until) FROM outbox_jobs WHERE status = 'sending')
						 ) AS t`
					)
				).rows[0] ?? {},
				't'
			) ?? undefined,
		purgeContent: (now, limit) =>
			transaction(async (sql) => {
				const { rows } = await sql.query<Row>(
					`SELECT id, error_reason FROM outbox_jobs
					 WHERE content_deleted_at IS NULL AND purge_content_at IS NOT NULL AND purge_content_at <= $1
					 LIMIT $2 FOR UPDATE SKIP LOCKED`,
					[now, limit]
				);
				for (const row of rows) {
					const id = str(row, 'id');
					const reason = strOrNull(row, 'error_reason');
					await sql.query('DELETE FROM outbox_content WHERE job_id = $1', [id]);
					await sql.query(
						'UPDATE outbox_jobs SET content_deleted_at = $2, error_reason = $3 WHERE id = $1',
						[id, now, reason === null ? null : withoutAddresses(reason)]
					);
				}
				return rows.map((row) => str(row, 'id'));
			})
	};
}
