import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { markDocUpdatesPending, openDb, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { echoes } from '$lib/storage/testing/zone-echoes';
import { mergeSyncedRows } from './local-compaction';

let db: BillfoldDb;
let databases = 0;

beforeEach(() => {
	db = openDb(`local-compaction-spec-${databases++}`);
});

afterEach(async () => {
	db.close();
	await db.delete();
});

function row(clientId: string): DocUpdateRow {
	return {
		docId: 'doc-1',
		table: 'contacts',
		update: new Uint8Array([1]),
		clientId,
		origin: 'local'
	};
}

it('replaces the covered rows the relay has by the snapshot, keeps pending ones, without zone echoes', async () => {
	const keys = (await db.docUpdates.bulkAdd(['r1', 'r2', 'r3', 'r4'].map(row), {
		allKeys: true
	})) as number[];
	// r3 still waits for the relay; r4 was saved after the snapshot was taken (not covered).
	await markDocUpdatesPending(db, [keys[2] ?? 0, keys[3] ?? 0]);
	const before = echoes();
	await mergeSyncedRows(db, 'doc-1', keys.slice(0, 3), {
		clientId: 'snap-1',
		remoteSeq: 7,
		update: new Uint8Array([9])
	});
	expect(echoes() - before).toBe(0);
	const left = await db.docUpdates.where('docId').equals('doc-1').toArray();
	expect(left.map((r) => [r.clientId, r.origin])).toEqual([
		['r3', 'local'],
		['r4', 'local'],
		['snap-1', 'merged']
	]);
	expect(left.at(-1)?.remoteSeq).toBe(7);
});

it('commits both or neither: a snapshot whose add fails leaves every old row in place', async () => {
	const keys = (await db.docUpdates.bulkAdd(['r1', 'r2', 'r3', 'r4'].map(row), {
		allKeys: true
	})) as number[];
	await markDocUpdatesPending(db, [keys[2] ?? 0]);
	// The snapshot's client id is the kept pending row's: the unique index refuses the add.
	await expect(
		mergeSyncedRows(db, 'doc-1', keys.slice(0, 3), {
			clientId: 'r3',
			remoteSeq: 7,
			update: new Uint8Array([9])
		})
	).rejects.toThrow();
	const left = await db.docUpdates.where('docId').equals('doc-1').toArray();
	expect(left.map((r) => [r.clientId, r.origin])).toEqual([
		['r1', 'local'],
		['r2', 'local'],
		['r3', 'local'],
		['r4', 'local']
	]);
});
