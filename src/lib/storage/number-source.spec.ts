import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import { buildInvoiceRecord } from '../../../tests/factories';
import { openDb, type BillfoldDb } from './db';
import { getInvoice, issueInvoice, putInvoice } from './invoice-store';
import {
	NumberingQueued,
	relaySeriesId,
	setNumberSource,
	type ReservedNumber
} from './number-source';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

function draft(): InvoiceRecord {
	return {
		...buildInvoiceRecord({ status: 'draft', sendHistory: [] }),
		number: undefined,
		issueDate: undefined
	};
}

const freeze = (record: InvoiceRecord, taken: { number: string }): InvoiceRecord => ({
	...record,
	status: 'issued',
	number: taken.number,
	issueDate: '2026-11-25'
});

describe('issuing with a number source (sync on)', () => {
	it('uses the relay’s number and leaves the local counter alone', async () => {
		db = openDb(`number-source-${counter++}`);
		const asked: unknown[] = [];
		setNumberSource(db, {
			async reserve(request): Promise<ReservedNumber> {
				asked.push(request);
				return { kind: 'issued', sequence: 42, issueDate: '2026-11-25' };
			}
		});
		const record = draft();
		await putInvoice(db, record);
		const issued = await issueInvoice(
			db,
			record.id,
			'invoice',
			'{YYYY}-{SEQ:4}',
			'2026-11-25',
			freeze
		);
		expect(issued.number).toBe('2026-0042');
		expect(asked).toEqual([
			{ invoiceId: record.id, seriesId: 'invoice-2026', issueDate: '2026-11-25' }
		]);
		expect(await db.counters.count()).toBe(0);
	});

	it('queues offline: the invoice becomes "queued" and the caller is told', async () => {
		db = openDb(`number-source-${counter++}`);
		setNumberSource(db, { reserve: async () => ({ kind: 'queued', position: 2 }) });
		const record = draft();
		await putInvoice(db, record);
		const attempt = issueInvoice(db, record.id, 'invoice', 'F{SEQ:3}', '2026-11-25', freeze);
		await expect(attempt).rejects.toBeInstanceOf(NumberingQueued);
		await expect(attempt).rejects.toThrow('Queued – number on reconnect');
		expect((await getInvoice(db, record.id))?.status).toBe('queued');
		setNumberSource(db, {
			reserve: async () => ({ kind: 'issued', sequence: 7, issueDate: '2026-11-26' })
		});
		const issued = await issueInvoice(db, record.id, 'invoice', 'F{SEQ:3}', '2026-11-25', freeze);
		expect(issued).toMatchObject({ status: 'issued', number: 'F007' });
	});

	it('keeps one relay series per year for yearly patterns', () => {
		expect(relaySeriesId('invoice', '{YYYY}-{SEQ:4}', '2027-01-02')).toBe('invoice-2027');
		expect(relaySeriesId('creditNote', 'CN{SEQ:5}', '2027-01-02')).toBe('creditNote');
	});
});
