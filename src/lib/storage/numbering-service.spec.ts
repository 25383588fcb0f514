import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import { buildInvoiceRecord } from '../../../tests/factories';
import { openDb, type BillfoldDb } from './db';
import { relaySeriesId } from '$lib/numbering';
import { getInvoice, putInvoice } from './invoice-store';
import { NumberingQueued, NumberingService, type SequencedNumber } from './numbering-service';

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

const yearly = { id: 'invoice', pattern: '{YYYY}-{SEQ:4}' } as const;
const plain = { id: 'invoice', pattern: 'F{SEQ:3}' } as const;

/** A sequencer that answers as the relay would, without the queue or the network in between. */
function answering(answer: (request: unknown) => SequencedNumber | 'offline') {
	return {
		issueNumber: async (request: unknown) => answer(request),
		seedSeries: async () => 'seeded' as const
	};
}

describe('issuing through the numbering service without a sequencer (sync off)', () => {
	it('numbers from the local counter inside the freezing transaction', async () => {
		db = openDb(`numbering-${counter++}`);
		const numbering = new NumberingService(() => db);
		const first = draft();
		const second = draft();
		await putInvoice(db, first);
		await putInvoice(db, second);
		const at = (invoiceId: string) => ({ invoiceId, series: plain, issueDate: '2026-11-25' });
		expect((await numbering.issue(at(first.id), freeze)).number).toBe('F001');
		expect((await numbering.issue(at(second.id), freeze)).number).toBe('F002');
		expect(await db.counters.get('invoice')).toEqual({
			series: 'invoice',
			lastNumber: 2,
			lastIssueDate: '2026-11-25'
		});
		expect(await numbering.queued()).toEqual([]);
	});
});

describe('issuing through the numbering service with a sequencer (sync on)', () => {
	it('uses the relay’s number and leaves the local counter alone', async () => {
		db = openDb(`numbering-${counter++}`);
		const asked: unknown[] = [];
		const numbering = new NumberingService(() => db);
		numbering.useSequencer(
			answering((request) => {
				asked.push(request);
				return { sequence: 42, issueDate: '2026-11-25' };
			})
		);
		const record = draft();
		await putInvoice(db, record);
		const issued = await numbering.issue(
			{ invoiceId: record.id, series: yearly, issueDate: '2026-11-25' },
			freeze
		);
		expect(issued.number).toBe('2026-0042');
		expect(asked).toEqual([
			{ invoiceId: record.id, seriesId: 'invoice-2026', issueDate: '2026-11-25' }
		]);
		expect(await db.counters.count()).toBe(0);
	});

	it('queues offline: the invoice becomes "queued" and the caller is told', async () => {
		db = openDb(`numbering-${counter++}`);
		const numbering = new NumberingService(() => db);
		numbering.useSequencer(answering(() => 'offline'));
		const record = draft();
		await putInvoice(db, record);
		const request = { invoiceId: record.id, series: plain, issueDate: '2026-11-25' };
		const attempt = numbering.issue(request, freeze);
		await expect(attempt).rejects.toBeInstanceOf(NumberingQueued);
		await expect(attempt).rejects.toThrow('Queued – number on reconnect');
		expect((await getInvoice(db, record.id))?.status).toBe('queued');
		numbering.useSequencer(answering(() => ({ sequence: 7, issueDate: '2026-11-26' })));
		const issued = await numbering.issue(request, freeze);
		expect(issued).toMatchObject({ status: 'issued', number: 'F007' });
	});

	it('keeps one relay series per year for yearly patterns', () => {
		expect(relaySeriesId('invoice', '{YYYY}-{SEQ:4}', '2027-01-02')).toBe('invoice-2027');
		expect(relaySeriesId('creditNote', 'CN{SEQ:5}', '2027-01-02')).toBe('creditNote');
	});
});
