import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
	openDb,
	setChangeCapture,
	type BillfoldDb,
	type ContactRow,
	type DocUpdateRow
} from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { createDocCapture, storedRowsOf } from './doc-capture';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

const AT = '2026-11-25T10:00:00Z';

function contactRow(id: string, name: string): ContactRow {
	return {
		id,
		name,
		archived: 0,
		schemaVersion: 1,
		createdAt: AT,
		updatedAt: AT,
		data: { name }
	};
}

/** Installs a capture on `db` that keeps each `rowsPerDoc` it tells, in order. */
function countsTold(target: BillfoldDb) {
	const told: Map<string, number>[] = [];
	const waiting: { count: number; resolve: () => void }[] = [];
	setChangeCapture(
		target,
		createDocCapture((_changes, _rows, rowsPerDoc) => {
			told.push(new Map(rowsPerDoc));
			for (const waiter of waiting.filter((entry) => told.length >= entry.count)) waiter.resolve();
		})
	);
	/** Resolves once `count` commits have been told. */
	const heard = (count: number) =>
		new Promise<void>((resolve) => {
			if (told.length >= count) resolve();
			else waiting.push({ count, resolve });
		});
	return { told, heard };
}

/** The last count told for `docId`: the one the engine keeps. */
const lastCount = (told: readonly Map<string, number>[], docId: string) =>
	told.findLast((counts) => counts.has(docId))?.get(docId);

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

	describe('tells each saved doc’s row count after the commit', () => {
		it('two puts of one doc in one transaction: the count before them, plus two', async () => {
			db = openDb(`doc-capture-count-puts-${counter++}`);
			const { told, heard } = countsTold(db);
			await db.contacts.put(contactRow('c1', 'Peeters'));
			await heard(1);
			expect(lastCount(told, 'c1')).toBe(1);
			await db.transaction('rw', db.contacts, async () => {
				await db.contacts.put(contactRow('c1', 'Peeters BV'));
				await db.contacts.put(contactRow('c1', 'Peeters NV'));
			});
			await heard(3);
			expect(lastCount(told, 'c1')).toBe(3);
			expect(await db.docUpdates.where('docId').equals('c1').count()).toBe(3);
		});

		it('one write of the same doc twice (bulkPut): the count before it, plus two', async () => {
			db = openDb(`doc-capture-count-bulk-${counter++}`);
			const { told, heard } = countsTold(db);
			await db.contacts.put(contactRow('c1', 'Peeters'));
			await heard(1);
			await db.contacts.bulkPut([contactRow('c1', 'Peeters BV'), contactRow('c1', 'Peeters NV')]);
			await heard(2);
			expect(told[1]).toEqual(new Map([['c1', 3]]));
			expect(await db.docUpdates.where('docId').equals('c1').count()).toBe(3);
		});

		it('a delete: the count before it, plus one', async () => {
			db = openDb(`doc-capture-count-delete-${counter++}`);
			const { told, heard } = countsTold(db);
			await db.contacts.put(contactRow('c1', 'Peeters'));
			await db.contacts.put(contactRow('c1', 'Peeters BV'));
			await heard(2);
			await db.contacts.delete('c1');
			await heard(3);
			expect(told[2]).toEqual(new Map([['c1', 3]]));
		});

		it('a transaction that throws after the put: nothing is told', async () => {
			db = openDb(`doc-capture-count-abort-${counter++}`);
			const { told, heard } = countsTold(db);
			await expect(
				db.transaction('rw', db.contacts, async () => {
					await db.contacts.put(contactRow('c1', 'Peeters'));
					// A request behind the capture's own: its rows and keys are stored when this throws.
					await db.contacts.get('c1');
					throw new Error('after the put');
				})
			).rejects.toThrow('after the put');
			// A later save is told: had the aborted one been told, it would come first.
			await db.contacts.put(contactRow('c2', 'Janssens'));
			await heard(1);
			expect(told).toEqual([new Map([['c2', 1]])]);
			expect(await db.docUpdates.count()).toBe(1);
		});
	});
});
