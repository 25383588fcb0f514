import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
	inApplyingTransaction,
	setChangeCapture,
	setSyncOnHint,
	type ChangeCapture
} from './change-capture';
import { openDb, type BillfoldDb } from './db';
import { SEEDED_COMPLETE, SEEDED_KEY } from './seeded-mark';
import type { ContactRow } from './records';
import { spyOnRequests } from './testing/request-spy';

let db: BillfoldDb;
let counter = 0;
let committed: string[] = [];

afterEach(async () => {
	db.close();
	await db.delete();
});

function contact(id: string, name: string): ContactRow {
	const at = '2026-11-25T10:00:00Z';
	return { id, name, archived: 0, schemaVersion: 1, createdAt: at, updatedAt: at, data: { name } };
}

/** Writes one update row per changed record, the way the sync capture does. */
function recordingCapture(refuse?: string): ChangeCapture {
	return {
		async beforePut(context, rows) {
			for (const row of rows) {
				if (row.id === refuse) throw new Error(`refused ${row.id}`);
				const before = await context.readRows(row.id);
				await context.append([
					{
						docId: row.id,
						table: context.table,
						update: new Uint8Array([before.length]),
						clientId: `${row.id}-${before.length}`,
						origin: 'local'
					}
				]);
			}
			context.afterCommit(() => committed.push(rows.map((row) => row.id).join()));
		},
		async beforeDelete(context, ids) {
			await context.append(
				ids.map((id) => ({
					docId: id,
					table: context.table,
					update: new Uint8Array([255]),
					clientId: `${id}-deleted`,
					origin: 'local' as const
				}))
			);
		}
	};
}

describe('change capture', () => {
	it('writes nothing extra while sync is off', async () => {
		db = openDb(`capture-off-${counter++}`);
		await db.contacts.put(contact('c1', 'Peeters'));
		expect(await db.docUpdates.count()).toBe(0);
		expect(await db.dirtyDocs.count()).toBe(0);
	});

	it('records an update row in the same transaction as each projection write', async () => {
		committed = [];
		db = openDb(`capture-on-${counter++}`);
		setChangeCapture(db, recordingCapture());
		await db.contacts.put(contact('c1', 'Peeters'));
		await db.contacts.bulkPut([contact('c1', 'Peeters NV'), contact('c2', 'Janssens')]);
		await db.contacts.update('c2', { name: 'Janssens BV' });
		await db.contacts.delete('c1');
		const rows = await db.docUpdates.orderBy('seq').toArray();
		expect(rows.map((row) => row.clientId)).toEqual(['c1-0', 'c1-1', 'c2-0', 'c2-1', 'c1-deleted']);
		expect(rows.every((row) => row.table === 'contacts')).toBe(true);
		// Each row is marked as waiting for the relay in the transaction that added it.
		expect(await db.pendingUpdates.toArray()).toEqual(rows.map((row) => ({ seq: row.seq })));
		expect(committed).toEqual(['c1', 'c1,c2', 'c2']);
	});

	it('aborts the projection write when the capture refuses it', async () => {
		committed = [];
		db = openDb(`capture-refuse-${counter++}`);
		setChangeCapture(db, recordingCapture('c2'));
		await db.contacts.put(contact('c1', 'Peeters'));
		await expect(
			db.transaction('rw', db.contacts, async () => {
				await db.contacts.put(contact('c1', 'Peeters NV'));
				await db.contacts.put(contact('c2', 'Janssens'));
			})
		).rejects.toThrow('refused c2');
		expect((await db.contacts.get('c1'))?.name).toBe('Peeters');
		expect(await db.contacts.get('c2')).toBeUndefined();
		expect(await db.docUpdates.count()).toBe(1);
		expect(await db.pendingUpdates.count()).toBe(1);
		expect(committed).toEqual(['c1']);
	});

	it('rolls the projection write back when its update row cannot be added', async () => {
		committed = [];
		db = openDb(`capture-append-fails-${counter++}`);
		// Like the sync capture: the append is not awaited, the projection write goes right behind.
		const clashing: ChangeCapture = {
			async beforePut(context, rows) {
				const added = context.append(
					rows.map((row) => ({
						docId: row.id,
						table: context.table,
						update: new Uint8Array([1]),
						clientId: 'same-client-id',
						origin: 'local' as const
					}))
				);
				added.catch(() => undefined);
				context.afterCommit(() => committed.push(rows.map((row) => row.id).join()));
			},
			async beforeDelete() {}
		};
		setChangeCapture(db, clashing);
		await db.contacts.put(contact('c1', 'Peeters'));
		// The second row clashes with the first on the unique clientId index.
		await expect(db.contacts.put(contact('c2', 'Janssens'))).rejects.toThrow();
		expect(await db.contacts.get('c2')).toBeUndefined();
		expect(await db.docUpdates.count()).toBe(1);
		expect(await db.pendingUpdates.count()).toBe(1);
		expect(committed).toEqual(['c1']);
	});

	it('does not capture what sync itself applies', async () => {
		db = openDb(`capture-apply-${counter++}`);
		setChangeCapture(db, recordingCapture());
		await inApplyingTransaction(db, 'all', async () => {
			await db.contacts.put(contact('c1', 'Peeters'));
		});
		expect(await db.contacts.count()).toBe(1);
		expect(await db.docUpdates.count()).toBe(0);
		expect(await db.pendingUpdates.count()).toBe(0);
		await db.contacts.put(contact('c1', 'Peeters NV'));
		expect(await db.docUpdates.count()).toBe(1);
	});

	it('marks changed docs when sync is on but the capture is not loaded yet', async () => {
		db = openDb(`capture-dirty-${counter++}`);
		setSyncOnHint(db, true);
		await db.contacts.put(contact('c1', 'Peeters'));
		await db.contacts.clear();
		await db.items.put({ ...contact('i1', 'Consulting'), data: {} });
		expect(await db.dirtyDocs.toArray()).toEqual([
			{ docId: 'c1', table: 'contacts' },
			{ docId: 'i1', table: 'items' }
		]);
		setSyncOnHint(db, false);
	});

	it('a write that bypasses the capture deletes the seeded mark in its own transaction', async () => {
		db = openDb(`capture-seeded-${counter++}`);
		const mark = async () => (await db.syncMeta.get(SEEDED_KEY))?.value;
		const complete = () => db.syncMeta.put({ key: SEEDED_KEY, value: SEEDED_COMPLETE });
		await complete();
		// Captured, applied by sync, or named by a dirty marker: the record gets its doc anyway.
		setChangeCapture(db, recordingCapture());
		await db.contacts.put(contact('c1', 'Peeters'));
		setChangeCapture(db, undefined);
		await inApplyingTransaction(db, 'all', () => db.contacts.put(contact('c2', 'Janssens')));
		setSyncOnHint(db, true);
		await db.contacts.put(contact('c3', 'Maes'));
		setSyncOnHint(db, false);
		expect(await mark()).toBe(SEEDED_COMPLETE);
		// A write that aborts takes the mark's deletion with it.
		await expect(
			db.transaction('rw', db.contacts, async () => {
				await db.contacts.put(contact('c4', 'Claes'));
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		expect(await mark()).toBe(SEEDED_COMPLETE);
		await db.contacts.put(contact('c4', 'Claes'));
		expect(await mark()).toBeUndefined();
		await complete();
		await db.contacts.clear();
		expect(await mark()).toBeUndefined();
	});

	it("a save that fails to delete the seeded mark rejects with that failure's cause", async () => {
		db = openDb(`capture-seeded-fails-${counter++}`);
		await db.syncMeta.put({ key: SEEDED_KEY, value: SEEDED_COMPLETE });
		const refusal = new Error('the seeded mark cannot be deleted');
		const deleteKey = IDBObjectStore.prototype.delete;
		IDBObjectStore.prototype.delete = function (this: IDBObjectStore, key) {
			if (this.name === 'syncMeta') throw refusal;
			return deleteKey.call(this, key);
		};
		try {
			await expect(db.contacts.put(contact('c1', 'Peeters'))).rejects.toBe(refusal);
			await expect(
				db.transaction('rw', db.contacts, () => db.contacts.put(contact('c2', 'Maes')))
			).rejects.toBe(refusal);
		} finally {
			IDBObjectStore.prototype.delete = deleteKey;
		}
		expect(await db.contacts.count()).toBe(0);
		expect((await db.syncMeta.get(SEEDED_KEY))?.value).toBe(SEEDED_COMPLETE);
	});

	it('widens a write to syncMeta only when it may have to delete the seeded mark', async () => {
		db = openDb(`capture-seeded-scope-${counter++}`);
		const scope = () =>
			db.transaction('rw', db.contacts, () => [
				...(Dexie.currentTransaction?.idbtrans.objectStoreNames ?? [])
			]);
		expect(await scope()).toContain('syncMeta');
		setChangeCapture(db, recordingCapture());
		expect(await scope()).not.toContain('syncMeta');
		setChangeCapture(db, undefined);
		setSyncOnHint(db, true);
		expect(await scope()).not.toContain('syncMeta');
		// The hint drops after such a transaction began: the dirty marker covers the write.
		await db.syncMeta.put({ key: SEEDED_KEY, value: SEEDED_COMPLETE });
		await db.transaction('rw', db.contacts, async () => {
			setSyncOnHint(db, false);
			await db.contacts.put(contact('c1', 'Peeters'));
		});
		expect(await db.dirtyDocs.toArray()).toEqual([{ docId: 'c1', table: 'contacts' }]);
		expect((await db.syncMeta.get(SEEDED_KEY))?.value).toBe(SEEDED_COMPLETE);
	});

	it('marks the doc dirty when the capture goes while a transaction that held it writes', async () => {
		db = openDb(`capture-gone-${counter++}`);
		setChangeCapture(db, recordingCapture());
		await db.transaction('rw', db.contacts, async () => {
			await db.contacts.get('c1');
			setChangeCapture(db, undefined);
			await db.contacts.put(contact('c1', 'Peeters'));
		});
		expect(await db.dirtyDocs.toArray()).toEqual([{ docId: 'c1', table: 'contacts' }]);
	});

	it('asks for the doc rows together with the record a save reads first, and each read serves once', async () => {
		db = openDb(`capture-early-${counter++}`);
		const calls = spyOnRequests(db);
		setChangeCapture(db, recordingCapture());
		await db.contacts.put(contact('c1', 'Peeters'));
		calls.length = 0;
		await db.transaction('rw', db.contacts, async () => {
			const existing = await db.contacts.get('c1');
			await db.contacts.put({
				...contact('c1', 'Peeters NV'),
				createdAt: existing?.createdAt ?? ''
			});
			// A second write of the same doc in the same transaction reads again, and sees the first.
			await db.contacts.put(contact('c1', 'Peeters & Zonen NV'));
		});
		// The doc's rows were asked for before the record came back: no round trip of their own.
		expect(calls.slice(0, 2).sort()).toEqual([
			'get contacts issued',
			'query docUpdates by [docId+seq] issued'
		]);
		expect(calls.filter((call) => call === 'query docUpdates by [docId+seq] issued')).toHaveLength(
			2
		);
		const rows = await db.docUpdates.orderBy('seq').toArray();
		expect(rows.map((row) => row.clientId)).toEqual(['c1-0', 'c1-1', 'c1-2']);
	});

	it('never lets a later save use a read of the doc taken before an earlier save appended', async () => {
		db = openDb(`capture-early-stale-${counter++}`);
		let between: (() => void) | undefined;
		let client = 0;
		setChangeCapture(db, {
			async beforePut(context, rows) {
				for (const row of rows) {
					const before = await context.readRows(row.id);
					// A get of the same doc lands after this capture read but before its append.
					const step = between;
					between = undefined;
					step?.();
					await context.append([
						{
							docId: row.id,
							table: context.table,
							update: new Uint8Array([before.length]),
							clientId: `client-${client++}`,
							origin: 'local'
						}
					]);
				}
			},
			async beforeDelete() {}
		});
		await db.transaction('rw', db.contacts, async () => {
			const trans = Dexie.currentTransaction?.idbtrans;
			between = () => void db.core.table('contacts').get({ trans, key: 'c1' });
			await db.contacts.put(contact('c1', 'Peeters'));
			await db.contacts.put(contact('c1', 'Peeters NV'));
		});
		// Each update was built on every row before it.
		const rows = await db.docUpdates.orderBy('seq').toArray();
		expect(rows.map((row) => [...row.update])).toEqual([[0], [1]]);
	});

	it('reads no doc rows early for a read-only transaction or an apply', async () => {
		db = openDb(`capture-early-read-${counter++}`);
		const calls = spyOnRequests(db);
		setChangeCapture(db, recordingCapture());
		await db.contacts.put(contact('c1', 'Peeters'));
		calls.length = 0;
		await db.contacts.get('c1');
		await inApplyingTransaction(db, 'all', () => db.contacts.get('c1'));
		expect(calls.filter((call) => call.startsWith('query docUpdates'))).toEqual([]);
	});
});
