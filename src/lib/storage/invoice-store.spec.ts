import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInvoiceDocument } from '../../../tests/factories';
import { NumberingError } from '$lib/numbering';
import type { TakenNumber } from './counter-store';
import { openDb, type BillfoldDb } from './db';
import type { InvoiceRecord } from './invoice-record';
import {
	getInvoice,
	issueInvoice,
	listInvoiceSummaries,
	newestInvoiceSummaries,
	putInvoice
} from './invoice-store';
import { enqueueSend, pendingSends, completeSend } from './outbox-store';

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

function draftRecord(id: string, issueDate = '2026-05-17'): InvoiceRecord {
	return {
		id,
		documentType: 'invoice',
		status: 'draft',
		draft: {
			contactId: 'c1',
			issueDate,
			deliveryDate: '',
			dueDate: '',
			dueDateFromTerms: true,
			buyerReference: '',
			orderReference: '',
			notes: '',
			cashDiscount: false,
			lines: [{ key: 'l1', type: 'text', text: 'May' }],
			attachments: []
		},
		payments: [],
		deliveries: []
	};
}

const projection = { customerName: 'Acme BV', totalCents: 12100, issueDate: '', dueDate: '' };

function freezeWith(issueDate: string) {
	return (draft: InvoiceRecord, taken: TakenNumber) => {
		const number = taken.number;
		const record: InvoiceRecord = {
			...draft,
			status: 'issued',
			issued: {
				document: buildInvoiceDocument({ number, issueDate, dueDate: issueDate }),
				series: taken.series,
				sequence: taken.sequence,
				issuedAt: `${issueDate}T10:00:00Z`
			}
		};
		return { record, projection: { ...projection, issueDate, dueDate: issueDate } };
	};
}

describe('invoice store', () => {
	it('writes the record and its overview row together', async () => {
		freshDb();
		await putInvoice(db, draftRecord('a'), projection, '2026-05-17T09:00:00Z');
		expect((await getInvoice(db, 'a'))?.status).toBe('draft');
		const [summary] = await listInvoiceSummaries(db);
		expect(summary).toMatchObject({
			id: 'a',
			number: '',
			customerName: 'Acme BV',
			status: 'draft',
			searchKey: ' acme bv'
		});
	});

	it('numbers issued invoices without gaps, in order, and only once', async () => {
		freshDb();
		for (const id of ['a', 'b', 'c']) {
			await putInvoice(db, draftRecord(id), projection, '2026-05-17T09:00:00Z');
		}
		await issueInvoice(
			db,
			'b',
			'invoice',
			'F{YYYY}-{SEQ:4}',
			'2026-05-17',
			freezeWith('2026-05-17'),
			'now'
		);
		await issueInvoice(
			db,
			'a',
			'invoice',
			'F{YYYY}-{SEQ:4}',
			'2026-05-18',
			freezeWith('2026-05-18'),
			'now'
		);
		await expect(
			issueInvoice(
				db,
				'a',
				'invoice',
				'F{YYYY}-{SEQ:4}',
				'2026-05-18',
				freezeWith('2026-05-18'),
				'now'
			)
		).rejects.toThrow(/already issued as F2026-0002/);
		expect((await getInvoice(db, 'b'))?.issued?.document.number).toBe('F2026-0001');
		expect((await getInvoice(db, 'a'))?.issued?.document.number).toBe('F2026-0002');
		const newest = await newestInvoiceSummaries(db, 2);
		expect(newest.map((row) => row.number)).toEqual(['F2026-0002', 'F2026-0001']);
	});

	it('refuses an issue date before the series’ last one and keeps no number', async () => {
		freshDb();
		await putInvoice(db, draftRecord('a'), projection, 'now');
		await putInvoice(db, draftRecord('b'), projection, 'now');
		await issueInvoice(
			db,
			'a',
			'invoice',
			'F{YYYY}-{SEQ:4}',
			'2026-05-18',
			freezeWith('2026-05-18'),
			'now'
		);
		await expect(
			issueInvoice(
				db,
				'b',
				'invoice',
				'F{YYYY}-{SEQ:4}',
				'2026-05-17',
				freezeWith('2026-05-17'),
				'now'
			)
		).rejects.toBeInstanceOf(NumberingError);
		expect((await getInvoice(db, 'b'))?.status).toBe('draft');
		await issueInvoice(
			db,
			'b',
			'invoice',
			'F{YYYY}-{SEQ:4}',
			'2026-05-18',
			freezeWith('2026-05-18'),
			'now'
		);
		expect((await getInvoice(db, 'b'))?.issued?.sequence).toBe(2);
	});

	it('rolls the number back when freezing fails', async () => {
		freshDb();
		await putInvoice(db, draftRecord('a'), projection, 'now');
		await expect(
			issueInvoice(
				db,
				'a',
				'invoice',
				'F{YYYY}-{SEQ:4}',
				'2026-05-17',
				() => {
					throw new Error('lines.0.quantity: not a number');
				},
				'now'
			)
		).rejects.toThrow('lines.0.quantity');
		await issueInvoice(
			db,
			'a',
			'invoice',
			'F{YYYY}-{SEQ:4}',
			'2026-05-17',
			freezeWith('2026-05-17'),
			'now'
		);
		expect((await getInvoice(db, 'a'))?.issued?.sequence).toBe(1);
	});

	it('keeps queued sends in the order they were queued', async () => {
		freshDb();
		await enqueueSend(db, { invoiceId: 'b', queuedAt: '2026-05-17T10:00:01Z', attempts: 0 });
		await enqueueSend(db, { invoiceId: 'a', queuedAt: '2026-05-17T10:00:00Z', attempts: 0 });
		expect((await pendingSends(db)).map((job) => job.invoiceId)).toEqual(['a', 'b']);
		await completeSend(db, 'a');
		expect((await pendingSends(db)).map((job) => job.invoiceId)).toEqual(['b']);
	});
});
