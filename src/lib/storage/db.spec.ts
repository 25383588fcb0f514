import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInvoiceRecord } from '../../../tests/factories';
import { openDb, type BillfoldDb } from './db';
import { whenReplaced } from './replaced-by-newer';
import { bulkPutInvoices, creditNotesOf, getInvoice } from './invoice-store';
import { newestInvoiceSummaries } from './invoice-summary-read';
import { countDocRows, docIdsWithRows, docRows, docRowsOfMany } from './doc-log';
import { countPendingDocUpdates, pendingDocUpdates } from './pending-updates';
import type { DocUpdateRow } from './records';
import { spyOnRequests } from './testing/request-spy';

let db: BillfoldDb | undefined;
let counter = 0;

afterEach(async () => {
	db?.close();
	await db?.delete();
	db = undefined;
});

/** The index names IndexedDB itself holds for a store, read without Dexie. */
async function indexNames(name: string, store: string): Promise<string[]> {
	const request = indexedDB.open(name);
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('open failed'));
	});
	try {
		return [...idb.transaction(store).objectStore(store).indexNames].sort();
	} finally {
		idb.close();
	}
}

describe('the invoice tables keep only the indexes a query uses', () => {
	it('an upgrade from version 11 drops the unused indexes and keeps every row readable', async () => {
		const name = `db-spec-${counter++}`;
		// A credit note and the invoice it corrects.
		const contactId = '01936b2e-0000-7000-8000-0000000000c1';
		const invoice = buildInvoiceRecord({ id: '01936b2e-0000-7000-8000-0000000000a1', contactId });
		const credit = buildInvoiceRecord({
			id: '01936b2e-0000-7000-8000-0000000000a2',
			type: 'creditNote',
			correctsInvoiceId: invoice.id,
			number: 'CN-1',
			contactId
		});
		// The two tables as version 11 declared them.
		const old = new Dexie(name);
		old.version(11).stores({
			invoices: '&id, status, number, issueDate, contactId, documentType, updatedAt',
			invoiceSummaries: '&id, issueDate, number, status, contactId, dueDate, updatedAt, correctsId'
		});
		// The rows are written by version 11, as a device that has not upgraded yet holds them.
		await bulkPutInvoices(old as BillfoldDb, [invoice, credit]);
		old.close();
		expect(await indexNames(name, 'invoices')).toContain('status');

		db = openDb(name);
		expect(await getInvoice(db, invoice.id)).toEqual(invoice);
		expect(await getInvoice(db, credit.id)).toEqual(credit);
		expect((await db.invoiceSummaries.get(credit.id))?.correctsId).toBe(invoice.id);
		expect(await indexNames(name, 'invoices')).toEqual(['contactId', 'documentType', 'updatedAt']);
		expect(await indexNames(name, 'invoiceSummaries')).toEqual([
			'correctsId',
			'issueDate',
			'updatedAt'
		]);
		// The queries over the kept indexes still answer.
		expect((await creditNotesOf(db, invoice.id)).map((row) => row.id)).toEqual([credit.id]);
		expect(await newestInvoiceSummaries(db, 10)).toHaveLength(2);
		expect(await db.invoices.where('contactId').equals(contactId).count()).toBe(2);
		expect(await db.invoices.where('documentType').equals('invoice').count()).toBe(1);
	});
});

describe('pending update rows are kept apart from the rows', () => {
	it('an upgrade from version 12 reads and marks exactly the rows still pending and leaves every row readable', async () => {
		const name = `db-spec-${counter++}`;
		const old = new Dexie(name);
		old.version(12).stores({ docUpdates: '++seq, docId, [docId+seq], &clientId, pending' });
		// More rows than one page of the upgrade's walk: local rows acknowledged or still pending
		// (every 700th, in the first page and in the last partial one), and rows from other devices.
		const total = 2_500;
		type V12Row = DocUpdateRow & { pending?: 1 };
		const rows = Array.from({ length: total }, (_, i): V12Row => {
			const row = {
				docId: `doc-${i % 50}`,
				table: 'contacts' as const,
				update: new Uint8Array([i % 256, 7]),
				clientId: `client-${String(i).padStart(5, '0')}`
			};
			if (i % 700 === 3) return { ...row, origin: 'local' as const, pending: 1 as const };
			if (i % 2 === 0) return { ...row, origin: 'local' as const, remoteSeq: i + 1 };
			return { ...row, origin: 'remote' as const, remoteSeq: i + 1 };
		});
		await old.table('docUpdates').bulkAdd(rows);
		old.close();
		const pendingKeys = rows.flatMap((row, i) => (row.pending === 1 ? [i + 1] : []));
		expect(pendingKeys).toHaveLength(4);

		db = openDb(name);
		const calls = spyOnRequests(db);
		await db.open();
		// The log is read by the old index of the pending rows, not walked: 4 rows, not 2,500.
		expect(calls.filter((call) => / docUpdates.* issued$/.test(call))).toEqual([
			'query docUpdates by pending issued',
			'mutate docUpdates issued'
		]);
		expect(await countPendingDocUpdates(db)).toBe(pendingKeys.length);
		expect(await indexNames(name, 'docUpdates')).toEqual(['[docId+seq]', 'clientId']);
		const pending = await pendingDocUpdates(db, 100);
		expect(pending.map((row) => row.seq)).toEqual(pendingKeys);
		// Every row reads back as it was, without the old flag.
		const stored = await db.docUpdates.orderBy('seq').toArray();
		expect(stored).toEqual(
			rows.map(({ pending: _pending, ...row }, i) => ({
				...row,
				seq: i + 1
			}))
		);
	});
});

describe("a doc's update rows are found through [docId+seq] alone", () => {
	it('an upgrade from version 14 drops the docId index and keeps every row, marker and record', async () => {
		const name = `db-spec-${counter++}`;
		const old = new Dexie(name);
		old.version(14).stores({
			invoices: '&id, contactId, documentType, updatedAt',
			invoiceSummaries: '&id, issueDate, updatedAt, correctsId',
			docUpdates: '++seq, docId, [docId+seq], &clientId',
			pendingUpdates: '&seq'
		});
		// Rows of 30 docs, interleaved as a log holds them, some still waiting for the relay.
		const rows = Array.from({ length: 300 }, (_, i): DocUpdateRow => ({
			docId: `doc-${String(i % 30).padStart(2, '0')}`,
			table: 'contacts',
			update: new Uint8Array([i % 256, 7]),
			clientId: `client-${String(i).padStart(5, '0')}`,
			origin: i % 3 === 0 ? 'local' : 'remote',
			...(i % 3 === 0 ? {} : { remoteSeq: i + 1 })
		}));
		await old.table('docUpdates').bulkAdd(rows);
		const pendingKeys = [1, 4, 298];
		await old.table('pendingUpdates').bulkAdd(pendingKeys.map((seq) => ({ seq })));
		const invoice = buildInvoiceRecord({ id: '01936b2e-0000-7000-8000-0000000000b1' });
		await bulkPutInvoices(old as BillfoldDb, [invoice]);
		old.close();
		expect(await indexNames(name, 'docUpdates')).toContain('docId');

		db = openDb(name);
		expect(await db.docUpdates.orderBy('seq').toArray()).toEqual(
			rows.map((row, i) => ({ ...row, seq: i + 1 }))
		);
		expect(await indexNames(name, 'docUpdates')).toEqual(['[docId+seq]', 'clientId']);
		expect((await pendingDocUpdates(db, 100)).map((row) => row.seq)).toEqual(pendingKeys);
		expect(await getInvoice(db, invoice.id)).toEqual(invoice);
		// The readers of a doc's rows answer from the compound index, in local order.
		const ofDoc = (docId: string) =>
			rows.flatMap((row, i) => (row.docId === docId ? [{ ...row, seq: i + 1 }] : []));
		expect(await docRows(db, 'doc-07')).toEqual(ofDoc('doc-07'));
		expect(await docRows(db, 'doc-07', 100)).toEqual(
			ofDoc('doc-07').filter((row) => row.seq > 100)
		);
		expect(await countDocRows(db, 'doc-07')).toBe(10);
		expect(await countDocRows(db, 'doc-99')).toBe(0);
		expect(await docRowsOfMany(db, ['doc-29', 'doc-03', 'doc-99'])).toEqual([
			...ofDoc('doc-03'),
			...ofDoc('doc-29')
		]);
		expect([...(await docIdsWithRows(db))].sort()).toEqual(
			Array.from({ length: 30 }, (_, i) => `doc-${String(i).padStart(2, '0')}`)
		);
	});
});

describe('a newer version of the app opening the database', () => {
	/** What a newer app version's open does: asks for a higher schema version. */
	async function openNewer(name: string, version: number): Promise<IDBDatabase> {
		const request = indexedDB.open(name, version);
		return new Promise<IDBDatabase>((resolve, reject) => {
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('open failed'));
		});
	}

	it('closes this connection for good: a write fails instead of reopening under the old rules', async () => {
		const name = `db-spec-${counter++}`;
		db = openDb(name);
		const open = db;
		await open.syncMeta.put({ key: 'probe', value: 'before' });
		const installed = open.verno * 10;
		let replaced = false;
		void whenReplaced(open).then(() => (replaced = true));

		const newer = await openNewer(name, installed + 10);
		try {
			// Dexie alone would reopen at the newer version (it retries a VersionError without a
			// version) and this write would succeed.
			await expect(open.syncMeta.put({ key: 'probe', value: 'after' })).rejects.toMatchObject({
				name: 'DatabaseClosedError'
			});
			expect(replaced).toBe(true);
			expect(open.isOpen()).toBe(false);
			const read = newer.transaction('syncMeta').objectStore('syncMeta').get('probe');
			const row = await new Promise<unknown>(
				(resolve) => (read.onsuccess = () => resolve(read.result))
			);
			expect(row).toMatchObject({ value: 'before' });
		} finally {
			newer.close();
		}
	});
});
