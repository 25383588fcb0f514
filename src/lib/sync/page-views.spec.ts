import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import {
	getInvoice,
	INVOICE_MUTABLE_FIELDS,
	isFrozen,
	openDb,
	projectionFor,
	type BillfoldDb
} from '$lib/storage';
import { buildInvoiceRecord } from '../../../tests/factories';
import { preparedView, prepareViews } from './page-views';
import { captureUpdate, writeRecord } from './record-doc';
import { registerRecordProjections } from './record-projections';
import { applyRemotePage, type DecryptedRow } from './remote-apply';

const NOW = '2026-11-25T10:00:00.000Z';
const RULE = { isFrozen, mutableFields: INVOICE_MUTABLE_FIELDS };
let dbs: BillfoldDb[] = [];
let counter = 0;

afterEach(async () => {
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
	dbs = [];
});

function freshDb(): BillfoldDb {
	const db = openDb(`page-views-${counter++}`);
	registerRecordProjections(db);
	dbs.push(db);
	return db;
}

function save(doc: Y.Doc, record: InvoiceRecord): Uint8Array {
	const update = captureUpdate(doc, () =>
		writeRecord(
			doc,
			{
				docId: record.id,
				record,
				createdAt: record.createdAt,
				updatedAt: record.updatedAt,
				schemaVersion: record.schemaVersion
			},
			RULE
		)
	);
	if (!update) throw new Error('nothing saved');
	return update;
}

function row(seq: number, docId: string, update: Uint8Array): DecryptedRow {
	return {
		seq,
		docId,
		clientId: `client-${seq}`,
		kind: 'update',
		payload: { table: 'invoices', update }
	};
}

function draftOf(record: InvoiceRecord): InvoiceRecord {
	const { buyer: _buyer, ...rest } = record;
	return { ...rest, status: 'draft', number: undefined, issueDate: undefined, sendHistory: [] };
}

describe('views decoded before the apply', () => {
	it('land a new device’s page exactly as decoding inside the apply does', async () => {
		const records = [
			...Array.from({ length: 4 }, (_, index) =>
				buildInvoiceRecord({ number: `2026-${String(index + 1).padStart(4, '0')}` })
			),
			draftOf(buildInvoiceRecord())
		];
		const rows = records.map((record, index) =>
			row(index + 1, record.id, save(new Y.Doc(), record))
		);
		const inside = freshDb();
		const before = freshDb();
		const prepared = prepareViews(rows);
		// Every doc of the page was prepared, so the apply below decodes none of them itself.
		for (const { docId, clientId } of rows) {
			expect(
				preparedView(prepared, docId, [clientId], projectionFor('invoices')?.freeze)
			).toBeDefined();
		}
		const plain = await applyRemotePage(inside, rows, 0, NOW);
		const early = await applyRemotePage(before, rows, 0, NOW, undefined, prepared);
		expect(early).toEqual(plain);
		expect(early.issues).toEqual([]);
		for (const record of records) expect(await getInvoice(before, record.id)).toEqual(record);
		expect(await before.invoices.toArray()).toEqual(await inside.invoices.toArray());
		expect(await before.invoiceSummaries.toArray()).toEqual(
			await inside.invoiceSummaries.toArray()
		);
		expect(await before.invoiceSummaries.count()).toBe(records.length);
		expect(await before.docUpdates.toArray()).toEqual(await inside.docUpdates.toArray());
	});

	it('are what the apply projects for a doc it uses them for, instead of decoding the rows', async () => {
		const record = buildInvoiceRecord({ number: '2026-0007', notes: 'as pushed' });
		const rows = [row(1, record.id, save(new Y.Doc(), record))];
		// Same doc and client ids, other content: only a projection taken from the view shows it.
		const decoy = { ...record, notes: 'as prepared' };
		// Registers the projections, which preparing needs.
		const db = freshDb();
		const prepared = prepareViews([row(1, record.id, save(new Y.Doc(), decoy))]);
		const result = await applyRemotePage(db, rows, 0, NOW, undefined, prepared);
		expect(result.issues).toEqual([]);
		expect((await db.invoices.get(record.id))?.data).toEqual(decoy);
	});

	it('are not used for a doc the device already holds rows of', async () => {
		const issued = buildInvoiceRecord({ number: '2026-0042' });
		const draft = draftOf(issued);
		const doc = new Y.Doc();
		const created = save(doc, draft);
		const issuing = save(doc, issued);
		// A device that never learned of the issue edits a field the issue froze.
		const stale = new Y.Doc();
		Y.applyUpdate(stale, created);
		const edit = save(stale, { ...draft, notes: 'changed on a stale device' });
		const db = freshDb();
		await applyRemotePage(db, [row(1, issued.id, created), row(2, issued.id, issuing)], 0, NOW);
		const page = [row(3, issued.id, edit)];
		// Decoded alone, the edit is a view of nothing the apply could use.
		const result = await applyRemotePage(db, page, 2, NOW, undefined, prepareViews(page));
		expect(result.issues.map(({ kind, fields }) => ({ kind, fields }))).toEqual([
			{ kind: 'frozen-edit', fields: ['notes'] }
		]);
		expect(await getInvoice(db, issued.id)).toEqual(issued);
	});

	it('are used only for exactly the rows they were decoded from, under the same rule', () => {
		freshDb();
		const record = buildInvoiceRecord();
		const doc = new Y.Doc();
		const rows = [
			row(1, record.id, save(doc, record)),
			row(2, record.id, save(doc, { ...record, status: 'paid' }))
		];
		const prepared = prepareViews(rows);
		const rule = projectionFor('invoices')?.freeze;
		expect(preparedView(prepared, record.id, ['client-1', 'client-2'], rule)).toBeDefined();
		expect(preparedView(prepared, record.id, ['client-2', 'client-1'], rule)).toBeUndefined();
		expect(preparedView(prepared, record.id, ['client-1'], rule)).toBeUndefined();
		expect(preparedView(prepared, record.id, ['client-1', 'client-2'], undefined)).toBeUndefined();
		expect(preparedView(prepared, 'another', ['client-1', 'client-2'], rule)).toBeUndefined();
		expect(preparedView(undefined, record.id, ['client-1', 'client-2'], rule)).toBeUndefined();
	});
});
