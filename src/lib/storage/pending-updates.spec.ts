import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb } from './db';
import {
	acknowledgeDocUpdates,
	consecutiveRuns,
	countPendingDocUpdates,
	markDocUpdatesPending,
	pendingAmong,
	pendingDocUpdates
} from './pending-updates';
import type { DocUpdateRow } from './records';
import { spyOnRequests } from './testing/request-spy';
import { echoes } from './testing/zone-echoes';

let db: BillfoldDb;
let databases = 0;

beforeEach(() => {
	db = openDb(`pending-updates-spec-${databases++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function row(clientId: string): DocUpdateRow {
	return {
		docId: `doc-${clientId}`,
		table: 'contacts',
		update: new Uint8Array([1]),
		clientId,
		origin: 'local'
	};
}

const ids = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

/** Adds the rows; those with `pending` set are marked as waiting, as a save marks its rows. */
async function add(rows: readonly { row: DocUpdateRow; pending: boolean }[]): Promise<number[]> {
	const keys = (await db.docUpdates.bulkAdd(
		rows.map((entry) => entry.row),
		{ allKeys: true }
	)) as number[];
	await markDocUpdatesPending(
		db,
		keys.filter((_, i) => rows[i]?.pending)
	);
	return keys;
}

const lastKey = (batch: readonly DocUpdateRow[]) => batch.at(-1)?.seq ?? 0;

describe('pendingDocUpdates', () => {
	it('reads without Dexie carrying its zone through microtask echoes', async () => {
		await add(ids('0190acac', 80).map((id) => ({ row: row(id), pending: true })));
		const before = echoes();
		// A batch read as one range (many consecutive keys) and one read key by key (a few).
		const first = await pendingDocUpdates(db, 60);
		const rest = await pendingDocUpdates(db, 60, lastKey(first));
		expect([...first, ...rest].map((r) => r.clientId)).toEqual(ids('0190acac', 80));
		expect(echoes() - before).toBe(0);
	});

	it('pages through the pending rows in local order, skipping acknowledged ones between them', async () => {
		// 100 pending rows with an acknowledged (or remote) row after every third one.
		await add(
			ids('0190dddd', 100).flatMap((id, i) =>
				i % 3 === 0
					? [
							{ row: row(id), pending: true },
							{ row: row(`${id}-acked`), pending: false }
						]
					: [{ row: row(id), pending: true }]
			)
		);
		const first = await pendingDocUpdates(db, 40);
		const second = await pendingDocUpdates(db, 40, lastKey(first));
		// The second batch is in flight; the first is still pending (its ack not stored yet).
		const rest = await pendingDocUpdates(db, 40, lastKey(second));
		const seen = [...first, ...second, ...rest].map((r) => r.clientId);
		expect(seen).toEqual(ids('0190dddd', 100));
		expect(rest).toHaveLength(20);
		expect(await countPendingDocUpdates(db)).toBe(100);
	});

	it('reads the rows after the batch in flight when another tab acknowledged some of it', async () => {
		await add(ids('0190ffff', 100).map((id) => ({ row: row(id), pending: true })));
		const first = await pendingDocUpdates(db, 40);
		// Another tab stores the acknowledgement of half the batch while it is in flight.
		await acknowledgeDocUpdates(
			db,
			first.slice(0, 20).map((r) => r.seq ?? 0)
		);
		const second = await pendingDocUpdates(db, 40, lastKey(first));
		expect(second.map((r) => r.clientId)).toEqual(ids('0190ffff', 100).slice(40, 80));
		expect((await pendingDocUpdates(db, 100)).map((r) => r.clientId)).toEqual(
			ids('0190ffff', 100).slice(20)
		);
	});
});

describe('acknowledgeDocUpdates', () => {
	it('drops the markers only: the rows stay byte for byte, a repeat and unknown keys are harmless', async () => {
		const keys = await add(ids('0190hhhh', 10).map((id) => ({ row: row(id), pending: true })));
		const before = await db.docUpdates.toArray();
		const acked = keys.slice(0, 6);
		await acknowledgeDocUpdates(db, acked);
		// A retry, another tab storing the same answer, a row compacted away since.
		await acknowledgeDocUpdates(db, [...acked.slice(0, 3), 99_999]);
		expect(await db.docUpdates.toArray()).toEqual(before);
		expect(await countPendingDocUpdates(db)).toBe(4);
		expect([...(await pendingAmong(db, keys))].sort((a, b) => a - b)).toEqual(keys.slice(6));
		expect((await pendingDocUpdates(db, 100)).map((r) => r.seq)).toEqual(keys.slice(6));
	});
});

describe('consecutiveRuns', () => {
	it('groups distinct keys into runs of consecutive integers, in order', () => {
		expect(consecutiveRuns([])).toEqual([]);
		expect(consecutiveRuns([7, 3, 4, 5, 9, 10, 4, 1])).toEqual([
			[1, 1],
			[3, 5],
			[7, 7],
			[9, 10]
		]);
	});
});

describe('acknowledging runs of keys', () => {
	it('deletes exactly the acknowledged markers when runs sit between markers still pending', async () => {
		const keys = await add(ids('0190iiii', 40).map((id) => ({ row: row(id), pending: true })));
		// Runs of 1, 2, 3 and 10 keys, with pending markers on both sides of each run.
		const acked = [
			keys[1],
			keys[4],
			keys[5],
			keys[8],
			keys[9],
			keys[10],
			...keys.slice(20, 30)
		].map(Number);
		await acknowledgeDocUpdates(db, acked);
		const left = keys.filter((key) => !acked.includes(key));
		expect((await pendingDocUpdates(db, 100)).map((r) => r.seq)).toEqual(left);
	});

	it('deletes a run with one request that holds back nothing the transaction asks for after it', async () => {
		const calls = spyOnRequests(db);
		const keys = await add(ids('0190jjjj', 6).map((id) => ({ row: row(id), pending: true })));
		calls.length = 0;
		await db.transaction('rw', db.pendingUpdates, db.syncMeta, () =>
			Promise.all([acknowledgeDocUpdates(db, keys.slice(1, 5)), db.syncMeta.get('cursor')])
		);
		// Both requests reach IndexedDB before either is answered, and the run costs no count.
		expect(calls.slice(0, 2)).toEqual(['mutate pendingUpdates issued', 'get syncMeta issued']);
		expect(calls.filter((call) => call.endsWith('issued'))).toHaveLength(2);
		expect(await pendingAmong(db, keys)).toEqual(new Set([keys[0], keys[5]]));
	});
});
