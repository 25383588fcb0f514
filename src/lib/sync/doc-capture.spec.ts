import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, setChangeCapture, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { createDocCapture, storedRowsOf } from './doc-capture';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

const AT = '2026-11-25T10:00:00Z';

describe('doc capture', () => {
	it('sends the update row and the projection write to IndexedDB together, and tells their keys after the commit', async () => {
		db = openDb(`doc-capture-${counter++}`);
		const calls = spyOnRequests(db);
		const told: DocUpdateRow[][] = [];
		setChangeCapture(
			db,
			createDocCapture((_changes, rows) => told.push([...rows]))
		);
		await db.contacts.put({
			id: 'c1',
			name: 'Peeters',
			archived: 0,
			schemaVersion: 1,
			createdAt: AT,
			updatedAt: AT,
			data: { name: 'Peeters' }
		});
		const writes = calls.filter((call) => call.startsWith('mutate'));
		// Both writes are asked for before either is answered: one round trip, not two.
		expect(writes.slice(0, 2).sort()).toEqual([
			'mutate contacts issued',
			'mutate docUpdates issued'
		]);
		const stored = await db.docUpdates.toArray();
		expect(told).toEqual([stored]);
		expect(stored[0]).toMatchObject({ docId: 'c1', seq: 1 });
		// The row is marked as waiting for the relay, by a write issued before the projection
		// write is answered: it costs the save no round trip of its own.
		expect(await db.pendingUpdates.toArray()).toEqual([{ seq: 1 }]);
		expect(calls.indexOf('mutate pendingUpdates issued')).toBeGreaterThan(-1);
		expect(calls.indexOf('mutate pendingUpdates issued')).toBeLessThan(
			calls.indexOf('mutate contacts answered')
		);
	});

	it('reads the rows of a few docs in one round trip, each doc in local order', async () => {
		db = openDb(`doc-capture-rows-${counter++}`);
		const calls = spyOnRequests(db);
		const row = (docId: string, n: number): DocUpdateRow => ({
			docId,
			table: 'contacts',
			update: new Uint8Array([n]),
			clientId: `${docId}-${n}`,
			origin: 'local'
		});
		await db.docUpdates.bulkAdd([row('b', 0), row('a', 0), row('b', 1), row('c', 0)]);
		calls.length = 0;
		const stored = await storedRowsOf(db, ['b', 'a', 'b', 'missing']);
		expect(
			Object.fromEntries([...stored].map(([docId, rows]) => [docId, rows.map((r) => r.clientId)]))
		).toEqual({ a: ['a-0'], b: ['b-0', 'b-1'] });
		// Every doc's read is asked for before the first answer comes.
		const queries = calls.filter((call) => call.startsWith('query'));
		expect(queries.slice(0, 3)).toEqual(Array(3).fill('query docUpdates by [docId+seq] issued'));
	});
});
