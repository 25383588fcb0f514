import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInvoiceRecord } from '../../../tests/factories';
import { openDb, type BillfoldDb } from './db';
import { bulkPutInvoices, creditNotesOf, getInvoice } from './invoice-store';
import { newestInvoiceSummaries } from './invoice-summary-read';
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
		expect(await indexNames(name, 'docUpdates')).toEqual(['[docId+seq]', 'clientId', 'docId']);
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
