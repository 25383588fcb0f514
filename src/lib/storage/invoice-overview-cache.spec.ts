import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type BillfoldDb } from './db';
import {
	packSummaries,
	readOverviewCache,
	readOverviewTotals,
	unpackSummaries,
	writeOverviewCache
} from './invoice-overview-cache';
import { invoiceSearchKey, type InvoiceSummaryRow } from './invoice-summary';

let db: BillfoldDb | undefined;
let counter = 0;

afterEach(async () => {
	db?.close();
	await db?.delete();
	db = undefined;
});

function row(id: string, updatedAt: string, customerName = 'Acme BV'): InvoiceSummaryRow {
	return {
		id,
		type: 'invoice',
		number: `F2026-${id}`,
		issueDate: '2026-05-17',
		dueDate: '2026-06-16',
		contactId: 'c1',
		customerName,
		correctsId: '',
		totalCents: 12100,
		paidCents: 0,
		status: 'sent',
		channel: 'email',
		warning: '',
		reminderCount: 0,
		lastReminderOn: '',
		searchKey: invoiceSearchKey(`F2026-${id}`, customerName),
		updatedAt
	};
}

describe('overview cache', () => {
	it('keeps how many reminders went out and when the last did', () => {
		const reminded = { ...row('1', '2026-05-17'), reminderCount: 2, lastReminderOn: '2026-07-01' };
		expect(unpackSummaries(packSummaries([reminded]))?.[0]).toEqual(reminded);
	});

	it('keeps which invoice a credit note corrects', () => {
		const note = { ...row('2', '2026-05-18'), type: 'creditNote' as const, correctsId: '1' };
		expect(unpackSummaries(packSummaries([row('1', '2026-05-17'), note]))?.[1]?.correctsId).toBe(
			'1'
		);
	});

	it('ignores a cache packed before rows named the corrected invoice', () => {
		const old = JSON.parse(packSummaries([row('1', '2026-05-17')])) as { format: number };
		expect(unpackSummaries(JSON.stringify({ ...old, format: 1 }))).toBeUndefined();
	});

	it('packs rows by column and unpacks them unchanged', () => {
		const rows = [row('1', 't1'), row('2', 't2', 'Nova "NV", Gent')];
		expect(unpackSummaries(packSummaries(rows))).toEqual(rows);
		expect(unpackSummaries('{"format":0}')).toBeUndefined();
		expect(unpackSummaries('not json')).toBeUndefined();
	});

	it('adds the summaries written since, and gives up when rows were deleted', async () => {
		const opened = openDb(`overview-cache-${counter++}`);
		db = opened;
		await opened.invoiceSummaries.bulkPut([row('1', '2026-05-17T01'), row('2', '2026-05-17T02')]);
		expect(await readOverviewCache(opened)).toBeUndefined();
		await writeOverviewCache(opened, await opened.invoiceSummaries.toArray(), {
			count: 2,
			totalCents: 24200,
			openCents: 24200
		});
		expect(await readOverviewTotals(opened)).toEqual({
			count: 2,
			totalCents: 24200,
			openCents: 24200
		});

		await opened.invoiceSummaries.bulkPut([
			row('2', '2026-05-18T01', 'Renamed'),
			row('3', '2026-05-18T02')
		]);
		const cached = await readOverviewCache(opened);
		expect(cached?.stale).toBe(true);
		expect(await readOverviewTotals(opened)).toBeUndefined();
		expect(cached?.rows.map((r) => [r.id, r.customerName])).toEqual([
			['1', 'Acme BV'],
			['2', 'Renamed'],
			['3', 'Acme BV']
		]);

		await opened.invoiceSummaries.delete('1');
		expect(await readOverviewCache(opened)).toBeUndefined();
	});
});
