import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { NumberingError } from '$lib/numbering';
import type { InvoiceRecord } from '$lib/document';
import { buildBusinessBuyer, buildItemLine, buildSeller } from '../../../tests/factories';
import { defaultVatCodes } from '$lib/vat';
import type { TakenNumber } from './counter-store';
import { openDb, type BillfoldDb } from './db';
import {
	getInvoice,
	issueInvoice,
	putInvoice,
	refreshInvoiceSummaries,
	updateIssuedInvoice
} from './invoice-store';
import {
	listInvoiceSummaries,
	newestInvoiceSummaries,
	summariesBehind
} from './invoice-summary-read';
import { completeSend, enqueueSend, pendingSends } from './outbox-store';
import { echoes } from './testing/zone-echoes';

let db: BillfoldDb;
let counter = 0;

function freshDb(): BillfoldDb {
	db = openDb(`invoice-store-spec-${counter++}`);
	return db;
}

afterEach(async () => {
	db.close();
	await db.delete();
});

const ids = [
	'01936b2e-0000-7000-8000-000000000001',
	'01936b2e-0000-7000-8000-000000000002',
	'01936b2e-0000-7000-8000-000000000003'
] as const;
const [a, b, c] = ids;
const pattern = 'F{YYYY}-{SEQ:4}';

function draftRecord(id: string, issueDate = '2026-05-17'): InvoiceRecord {
	return {
		id,
		schemaVersion: 1,
		createdAt: '2026-05-17T09:00:00.000Z',
		updatedAt: '2026-05-17T09:00:00.000Z',
		type: 'invoice',
		status: 'draft',
		issueDate,
		contactId: 'c1',
		language: 'nl',
		lines: [{ type: 'text', text: 'May' }, buildItemLine()],
		vatCodes: [...defaultVatCodes],
		attachments: [],
		sendHistory: [],
		payments: []
	};
}

function freezeOn(issueDate: string) {
	return (draft: InvoiceRecord, taken: TakenNumber): InvoiceRecord => ({
		...draft,
		status: 'issued',
		number: taken.number,
		issueDate,
		seller: buildSeller(),
		buyer: buildBusinessBuyer(),
		updatedAt: `${issueDate}T10:00:00.000Z`
	});
}

describe('invoice store', () => {
	it('writes the record and its overview row together', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a), 'Acme BV');
		expect((await getInvoice(db, a))?.status).toBe('draft');
		const [summary] = await listInvoiceSummaries(db);
		expect(summary).toMatchObject({
			id: a,
			number: '',
			customerName: 'Acme BV',
			status: 'draft',
			totalCents: 12100,
			searchKey: ' acme bv'
		});
	});

	it('saves without Dexie carrying its zone through microtask echoes', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a), 'Acme BV');
		const before = echoes();
		await putInvoice(db, { ...draftRecord(a), updatedAt: '2026-05-18T09:00:00.000Z' }, 'Acme');
		expect(echoes() - before).toBe(0);
		expect(await db.invoiceSummaries.get(a)).toMatchObject({ customerName: 'Acme' });
		expect(await db.invoices.get(a)).toMatchObject({
			createdAt: '2026-05-17T09:00:00.000Z',
			updatedAt: '2026-05-18T09:00:00.000Z'
		});
	});

	it('numbers issued invoices without gaps, in order, and only once', async () => {
		freshDb();
		for (const id of ids)
			await putInvoice(db, draftRecord(id, id === c ? '2026-05-01' : undefined));
		await issueInvoice(db, b, 'invoice', pattern, '2026-05-17', freezeOn('2026-05-17'));
		await issueInvoice(db, a, 'invoice', pattern, '2026-05-18', freezeOn('2026-05-18'));
		await expect(
			issueInvoice(db, a, 'invoice', pattern, '2026-05-18', freezeOn('2026-05-18'))
		).rejects.toThrow(/already issued as F2026-0002/);
		expect((await getInvoice(db, b))?.number).toBe('F2026-0001');
		expect((await getInvoice(db, a))?.number).toBe('F2026-0002');
		const newest = await newestInvoiceSummaries(db, 2);
		expect(newest.map((row) => row.number)).toEqual(['F2026-0002', 'F2026-0001']);
		expect(newest[0]?.customerName).toBe('Acme BV');
	});

	it('refuses an issue date before the series’ last one and keeps no number', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a));
		await putInvoice(db, draftRecord(b));
		await issueInvoice(db, a, 'invoice', pattern, '2026-05-18', freezeOn('2026-05-18'));
		await expect(
			issueInvoice(db, b, 'invoice', pattern, '2026-05-17', freezeOn('2026-05-17'))
		).rejects.toBeInstanceOf(NumberingError);
		expect((await getInvoice(db, b))?.status).toBe('draft');
		await issueInvoice(db, b, 'invoice', pattern, '2026-05-18', freezeOn('2026-05-18'));
		expect((await getInvoice(db, b))?.number).toBe('F2026-0002');
	});

	it('rolls the number back when freezing fails', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a));
		await expect(
			issueInvoice(db, a, 'invoice', pattern, '2026-05-17', () => {
				throw new Error('lines.0.quantity: not a number');
			})
		).rejects.toThrow('lines.0.quantity');
		await issueInvoice(db, a, 'invoice', pattern, '2026-05-17', freezeOn('2026-05-17'));
		expect((await getInvoice(db, a))?.number).toBe('F2026-0001');
	});

	it('lets an issued invoice change only its status, payments and send history', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a));
		await issueInvoice(db, a, 'invoice', pattern, '2026-05-17', freezeOn('2026-05-17'));
		await updateIssuedInvoice(db, a, (record) => ({
			...record,
			status: 'partlyPaid',
			payments: [{ date: '2026-05-20', amountCents: 5000 }]
		}));
		expect((await listInvoiceSummaries(db))[0]).toMatchObject({ paidCents: 5000 });
		await expect(
			updateIssuedInvoice(db, a, (record) => ({ ...record, notes: 'changed' }))
		).rejects.toThrow('notes: an issued invoice cannot be edited');
	});

	it('catches up with invoice rows written without their overview row', async () => {
		freshDb();
		await putInvoice(db, draftRecord(a));
		await db.invoiceSummaries.clear();
		await putInvoice(db, { ...draftRecord(c), updatedAt: '2026-05-18T09:00:00.000Z' });
		// The overview asks this before it loads the document schemas to refresh.
		expect(await summariesBehind(db)).toBe(true);
		expect(await refreshInvoiceSummaries(db)).toBe(2);
		expect((await listInvoiceSummaries(db)).map((row) => row.id).sort()).toEqual([a, c]);
		expect(await summariesBehind(db)).toBe(false);
	});

	it('keeps queued sends in the order they were queued', async () => {
		freshDb();
		await enqueueSend(db, { invoiceId: b, queuedAt: '2026-05-17T10:00:01Z', attempts: 0 });
		await enqueueSend(db, { invoiceId: a, queuedAt: '2026-05-17T10:00:00Z', attempts: 0 });
		expect((await pendingSends(db)).map((job) => job.invoiceId)).toEqual([a, b]);
		await completeSend(db, a);
		expect((await pendingSends(db)).map((job) => job.invoiceId)).toEqual([b]);
	});
});

describe('quotes in the invoice store', () => {
	const quoteDraft = (id: string): InvoiceRecord => ({
		id,
		schemaVersion: 1,
		createdAt: '2026-05-17T09:00:00.000Z',
		updatedAt: '2026-05-17T09:00:00.000Z',
		type: 'quote',
		status: 'draft',
		issueDate: '2026-05-17',
		dueDate: '2026-06-16',
		contactId: 'c1',
		buyer: buildBusinessBuyer(),
		language: 'nl',
		lines: [buildItemLine()],
		vatCodes: [...defaultVatCodes],
		attachments: [],
		sendHistory: [],
		payments: []
	});

	it('never get an overview row, so no overview, VAT total, export or DSO sees them', async () => {
		const db = freshDb();
		await putInvoice(db, quoteDraft(a));
		await issueInvoice(db, a, 'quote', 'Q-{YYYY}-{SEQ:4}', '2026-05-17', (draft, taken) => ({
			...draft,
			status: 'issued',
			number: taken.number,
			seller: buildSeller()
		}));
		await updateIssuedInvoice(db, a, (record) => ({
			...record,
			decision: { outcome: 'accepted', date: '2026-05-18' },
			convertedInvoiceId: b
		}));
		expect(await listInvoiceSummaries(db)).toEqual([]);
		expect(await summariesBehind(db)).toBe(false);
		await refreshInvoiceSummaries(db);
		expect(await listInvoiceSummaries(db)).toEqual([]);
		expect((await getInvoice(db, a))?.number).toBe('Q-2026-0001');
	});

	it('number in their own series, apart from the invoices', async () => {
		const db = freshDb();
		await putInvoice(db, quoteDraft(a));
		const freeze = (draft: InvoiceRecord, taken: TakenNumber): InvoiceRecord => ({
			...draft,
			status: 'issued',
			number: taken.number,
			seller: buildSeller()
		});
		await issueInvoice(db, a, 'quote', 'Q-{YYYY}-{SEQ:4}', '2026-05-17', freeze);
		expect((await db.counters.get('quote'))?.lastNumber).toBe(1);
		expect(await db.counters.get('invoice')).toBeUndefined();
	});
});
