import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { createLogger } from '../src/log.js';
import { openPostgresStorage } from '../src/storage/postgres-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';

const WORKSPACE = '00000000-0000-4000-8000-0000000000b1';
const DEVICE = '00000000-0000-4000-8000-0000000000b2';
const DAY_MS = 86_400_000;
const ENQUEUE_ROUTINE = 'billfold_enqueue_many_v3';

/**
 * The routine calls the driver sent, by the routine their text names (and the queries that read
 * outbox_content), counted where every pool query goes.
 */
let calls = new Map<string, number>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
	const first = args[0];
	const text =
		typeof first === 'string'
			? first
			: typeof first === 'object' && first !== null && 'text' in first
				? String(first.text)
				: '';
	const routine = /billfold_\w+|outbox_content/.exec(text)?.[0];
	if (routine !== undefined) calls.set(routine, (calls.get(routine) ?? 0) + 1);
	return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * Calls that reach a PostgreSQL store while one runs go as one batch routine call
 * (postgres-batch.ts): each caller still gets exactly its own answer, in arrival order, as if
 * the calls had run one by one, and a batch with a bad item fails that item alone.
 */
describe('batched routine calls on PostgreSQL', () => {
	let db: { url: string; close(): Promise<void> };
	let storage: Storage;
	before(async () => {
		db = await newPostgresDatabase();
		const log = createLogger({ level: 'error', write: () => undefined });
		storage = await openPostgresStorage(db.url, { leaseMs: 5000, log });
		await storage.workspaces.create(
			{ id: WORKSPACE, name: null, createdAt: 1 },
			{ id: DEVICE, workspaceId: WORKSPACE, name: 'laptop', tokenHash: 'hash-b', createdAt: 1 }
		);
	});
	after(async () => {
		await storage.close();
		await db.close();
	});
	beforeEach(() => {
		calls = new Map();
	});

	const issue = (seriesId: string, invoiceId: string, issueDate: string, workspaceId = WORKSPACE) =>
		storage.sequencer.issue({
			workspaceId,
			seriesId,
			invoiceId,
			issueDate,
			deviceId: DEVICE,
			at: Date.now()
		});

	it('numbers 32 concurrent issues in two calls, in arrival order, each with its own answer', async () => {
		const invoices = Array.from({ length: 32 }, () => randomUUID());
		// Dates going back in time: each number's date is still no earlier than the one before.
		const outcomes = await Promise.all(
			invoices.map((id, i) => issue('B', id, `2026-03-${String(31 - (i % 28)).padStart(2, '0')}`))
		);
		// The first call runs at once, alone; the 31 that arrived meanwhile go as one.
		assert.equal(calls.get('billfold_issue_many_v2'), 2);
		assert.deepEqual(
			outcomes.map((o) => (o.kind === 'issued' ? [o.number, o.issueDate] : o.kind)),
			invoices.map((_, i) => [i + 1, '2026-03-31'])
		);
	});

	it('answers a repeated invoice within one batch as a replay, and one in another series as a conflict', async () => {
		const first = issue('C', randomUUID(), '2026-02-01');
		const repeated = randomUUID();
		const outcomes = await Promise.all([
			first,
			issue('C', repeated, '2026-02-01'),
			issue('C', repeated, '2026-02-01'),
			issue('D', repeated, '2026-02-01')
		]);
		assert.equal(calls.get('billfold_issue_many_v2'), 2);
		assert.deepEqual(
			outcomes.map((o) => o.kind),
			['issued', 'issued', 'replayed', 'conflict']
		);
		const [, issued, replayed] = outcomes;
		assert.ok(issued?.kind === 'issued' && replayed?.kind === 'replayed');
		assert.equal(replayed.number, issued.number);
	});

	it('fails a bad item alone: the rest of its batch is numbered without a gap', async () => {
		const outcomes = await Promise.allSettled([
			issue('E', randomUUID(), '2026-03-01'),
			issue('E', randomUUID(), '2026-03-01'),
			// No such workspace: its series row breaks the foreign key, and with it the batch.
			issue('E', randomUUID(), '2026-03-01', '00000000-0000-4000-8000-00000000dead'),
			issue('E', randomUUID(), '2026-03-01')
		]);
		assert.deepEqual(
			outcomes.map((o) => o.status),
			['fulfilled', 'fulfilled', 'rejected', 'fulfilled']
		);
		const numbers = outcomes.map((o) =>
			o.status === 'fulfilled' && o.value.kind === 'issued' ? o.value.number : undefined
		);
		assert.deepEqual(numbers.filter((n) => n !== undefined).sort(), [1, 2, 3]);
		assert.equal((await storage.sequencer.getSeries(WORKSPACE, 'E'))?.lastNumber, 3);
	});

	it('holds the quota within one batch of sends and counts each accepted send once', async () => {
		const at = Date.now();
		const outcomes = await Promise.all(
			Array.from({ length: 10 }, () =>
				storage.outbox.enqueue(
					{
						id: randomUUID(),
						workspaceId: WORKSPACE,
						invoiceId: randomUUID(),
						resend: 0,
						deviceId: DEVICE,
						documentType: 'invoice',
						at
					},
					'{}',
					{ limit: 4, relayLimit: 1000, since: at - DAY_MS }
				)
			)
		);
		assert.equal(calls.get(ENQUEUE_ROUTINE), 2);
		assert.deepEqual(
			outcomes.map((o) => o.kind),
			[...Array(4).fill('created'), ...Array(6).fill('quota-exceeded')]
		);
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		try {
			const { rows } = await client.query<{ scope: string; n: number }>(
				'SELECT scope, sum(n)::integer AS n FROM send_counts GROUP BY scope ORDER BY scope'
			);
			assert.deepEqual(rows, [
				{ scope: '', n: 4 },
				{ scope: WORKSPACE, n: 4 }
			]);
		} finally {
			await client.end();
		}
	});

	it('closes a batch of sends, and a claim’s content query, at 32 MB of content', async () => {
		const MB = 1024 * 1024;
		const at = Date.now();
		// Four sends of 12 MB at once: the first alone, then two (24 MB), then the fourth, as
		// three would pass 32 MB. A claim's four contents likewise come in three answers.
		const ids = ['a', 'b', 'c', 'd'].map(() => randomUUID());
		const contents = ids.map((_, i) => String(i).repeat(12 * MB));
		const outcomes = await Promise.all(
			ids.map((id, i) =>
				storage.outbox.enqueue(
					{
						id,
						workspaceId: WORKSPACE,
						invoiceId: randomUUID(),
						resend: 0,
						deviceId: DEVICE,
						documentType: 'invoice',
						at
					},
					contents[i] ?? '',
					{ limit: 100, relayLimit: 1000, since: at - DAY_MS }
				)
			)
		);
		assert.deepEqual(
			outcomes.map((o) => o.kind),
			['created', 'created', 'created', 'created']
		);
		assert.equal(calls.get(ENQUEUE_ROUTINE), 3);
		calls = new Map();
		const loaded = await Promise.all(ids.map((id) => storage.outbox.loadContent(id)));
		assert.ok(loaded.every((body, i) => body === contents[i]));
		assert.equal(calls.get('outbox_content'), 3);
		assert.equal(await storage.outbox.loadContent(randomUUID()), undefined);
	});

	it('counts a batch of sends last, one write per scope and hour rather than two per send', async () => {
		const other = '00000000-0000-4000-8000-0000000000b3';
		await storage.workspaces.create(
			{ id: other, name: null, createdAt: 1 },
			{ id: randomUUID(), workspaceId: other, name: 'phone', tokenHash: 'hash-b3', createdAt: 1 }
		);
		const at = Date.now();
		const workspaces = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? WORKSPACE : other));
		const each = <T>(value: T): T[] => workspaces.map(() => value);
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		try {
			// The batch call the store makes, in a transaction of its own that is rolled back: the
			// table statistics of the transaction count the rows it wrote.
			await client.query('BEGIN');
			const { rows } = await client.query<{ kind: string }>(
				`SELECT kind FROM ${ENQUEUE_ROUTINE}($1::text[], $2::text[], $3::text[], $4::integer[],
				   $5::text[], $6::text[], $7::bigint[], $8::text[], $9::bigint[], $10::bigint[],
				   $11::bigint[], $12) ORDER BY ord`,
				[
					workspaces.map(() => randomUUID()),
					workspaces,
					workspaces.map(() => randomUUID()),
					each(0),
					each(DEVICE),
					each('invoice'),
					each(at),
					each('{}'),
					each(100),
					each(1000),
					each(at - DAY_MS),
					'a test'
				]
			);
			const written = await client.query<{ n: number }>(
				`SELECT (n_tup_ins + n_tup_upd)::integer AS n FROM pg_stat_xact_user_tables
				 WHERE relname = 'send_counts'`
			);
			await client.query('ROLLBACK');
			assert.deepEqual(
				rows.map((r) => r.kind),
				each('created')
			);
			// Two workspaces and the relay-wide scope, all in this hour.
			assert.equal(written.rows[0]?.n, 3);
		} finally {
			await client.end();
		}
	});
});
