import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, setChangeCapture, type BillfoldDb, type DocUpdateRow } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { createDocCapture } from './doc-capture';

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
		expect(stored[0]).toMatchObject({ docId: 'c1', pending: 1, seq: 1 });
	});
});
