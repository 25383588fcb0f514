import { describe, expect, it } from 'vitest';
import { invoiceSearchKey, type InvoiceSummaryRow } from '$lib/storage';
import {
	dsoOf,
	filterRows,
	overviewStatus,
	rowsToCsv,
	sortRows,
	totalsOf,
	withCredits
} from './overview-rows';

function row(overrides: Partial<InvoiceSummaryRow>): InvoiceSummaryRow {
	const base: InvoiceSummaryRow = {
		id: 'x',
		type: 'invoice',
		number: 'F2026-0001',
		issueDate: '2026-05-01',
		dueDate: '2026-05-31',
		contactId: 'c1',
		customerName: 'Acme BV',
		correctsId: '',
		totalCents: 12100,
		paidCents: 0,
		status: 'sent',
		channel: 'email',
		warning: '',
		searchKey: '',
		updatedAt: '2026-05-01T00:00:00.000Z'
	};
	const merged = { ...base, ...overrides };
	return { ...merged, searchKey: invoiceSearchKey(merged.number, merged.customerName) };
}

const today = '2026-06-15';
const rows = [
	row({ id: 'a', number: 'F2026-0001', issueDate: '2026-05-01' }),
	row({
		id: 'b',
		number: 'F2026-0002',
		issueDate: '2026-06-01',
		dueDate: '2026-07-01',
		customerName: 'Nova NV',
		contactId: 'c2'
	}),
	row({ id: 'c', number: 'F2026-0003', issueDate: '2026-06-02', status: 'paid', paidCents: 12100 }),
	row({
		id: 'd',
		number: 'CN2026-0001',
		type: 'creditNote',
		issueDate: '2026-06-03',
		totalCents: 2000,
		dueDate: ''
	})
];

describe('overview rows', () => {
	it('shows an unpaid invoice past its due date as overdue', () => {
		expect(rows.map((r) => overviewStatus(r, today))).toEqual(['overdue', 'sent', 'paid', 'sent']);
	});

	it('searches number and customer, case-insensitively, keeping the sort order', () => {
		const sorted = sortRows(rows, 'issueDate', 'desc', today);
		expect(sorted.map((r) => r.id)).toEqual(['d', 'c', 'b', 'a']);
		const filter = { search: 'nova', status: '' as const, from: '', to: '', contactId: '' };
		expect(filterRows(sorted, filter, today).map((r) => r.id)).toEqual(['b']);
		expect(filterRows(sorted, { ...filter, search: 'f2026-000' }, today).map((r) => r.id)).toEqual([
			'c',
			'b',
			'a'
		]);
		expect(
			filterRows(sorted, { ...filter, search: '', status: 'overdue' }, today).map((r) => r.id)
		).toEqual(['a']);
		expect(
			filterRows(
				sorted,
				{ ...filter, search: '', from: '2026-06-01', to: '2026-06-02' },
				today
			).map((r) => r.id)
		).toEqual(['c', 'b']);
		expect(
			filterRows(sorted, { ...filter, search: '', contactId: 'c2' }, today).map((r) => r.id)
		).toEqual(['b']);
	});

	it('settles an invoice by the credit notes correcting it: credited, not overdue, nothing owed', () => {
		const invoice = row({ id: 'i', totalCents: 121474, dueDate: '2026-05-31' });
		const note = row({
			id: 'n',
			type: 'creditNote',
			number: 'CN2026-0001',
			totalCents: 121474,
			correctsId: 'i'
		});
		const settled = withCredits([invoice, note]);
		expect(settled[0]?.creditedCents).toBe(121474);
		expect(overviewStatus(settled[0]!, today)).toBe('credited');
		expect(totalsOf(settled)).toEqual({ count: 2, totalCents: 0, openCents: 0 });
		// Filtering by status finds it as credited, never as overdue.
		const filter = { search: '', status: 'overdue' as const, from: '', to: '', contactId: '' };
		expect(filterRows(settled, filter, today)).toEqual([]);
		expect(filterRows(settled, { ...filter, status: 'credited' }, today)).toEqual([settled[0]]);
	});

	it('lowers the balance by a partial credit note, and payments settle the rest', () => {
		const invoice = row({ id: 'i', totalCents: 10000, dueDate: '2026-07-31' });
		const note = row({ id: 'n', type: 'creditNote', totalCents: 2500, correctsId: 'i' });
		const partly = withCredits([invoice, note]);
		expect(totalsOf(partly).openCents).toBe(7500);
		expect(overviewStatus(partly[0]!, today)).toBe('sent');
		expect(overviewStatus(partly[0]!, '2026-08-01')).toBe('overdue');
		const paid = withCredits([{ ...invoice, paidCents: 7500, status: 'partlyPaid' }, note]);
		expect(overviewStatus(paid[0]!, '2026-08-01')).toBe('paid');
		expect(totalsOf(paid).openCents).toBe(0);
	});

	it('counts no draft credit note, and keeps untouched rows as they were', () => {
		const invoice = row({ id: 'i', totalCents: 10000 });
		const draft = row({ id: 'n', type: 'creditNote', status: 'draft', correctsId: 'i' });
		const other = row({ id: 'o' });
		const settled = withCredits([invoice, draft, other]);
		expect(settled[0]).toBe(invoice);
		expect(settled[2]).toBe(other);
		expect(totalsOf(settled).openCents).toBe(10000 + 12100);
	});

	it('totals the rows, credit notes counting negative, and what is still to be paid', () => {
		expect(totalsOf(rows)).toEqual({ count: 4, totalCents: 12100 * 3 - 2000, openCents: 24200 });
	});

	it('exports CSV that quotes what needs quoting', () => {
		const csv = rowsToCsv([row({ customerName: 'Peeters, "Jan"' })], ['a', 'b'], () => ({
			type: 'Invoice',
			status: 'Sent',
			channel: 'sent by e-mail'
		}));
		expect(csv).toBe(
			'a,b\r\nInvoice,F2026-0001,2026-05-01,"Peeters, ""Jan""",121.00,0.00,2026-05-31,Sent,sent by e-mail\r\n'
		);
	});

	it('computes days sales outstanding from issued invoices, net of credit notes and payments', () => {
		const book = withCredits([
			row({ id: 'p', issueDate: '2026-05-01', totalCents: 10_000, paidCents: 10_000 }),
			row({ id: 'o', issueDate: '2026-06-01', totalCents: 20_000 }),
			row({ id: 'd', status: 'draft', issueDate: '2026-06-10', totalCents: 99_000 }),
			row({ id: 'cn', type: 'creditNote', correctsId: 'o', totalCents: 5_000, status: 'issued' })
		]);
		// Owed 15,000 of 25,000 invoiced after credits: 0.6 × 90 days.
		expect(dsoOf(book, today)).toBe(54);
	});
});

describe('the "To remind" filter', () => {
	const schedule = { firstAfterDays: 3, everyDays: 14, maxReminders: 3 };
	const filter = { search: '', status: 'toRemind' as const, from: '', to: '', contactId: '' };

	it('lists overdue invoices whose schedule reached a step today, not the others', () => {
		const candidates = [
			row({ id: 'due', dueDate: '2026-06-01' }),
			row({ id: 'tooEarly', dueDate: '2026-06-13' }),
			row({ id: 'paid', dueDate: '2026-06-01', paidCents: 12100 }),
			row({
				id: 'reminded',
				dueDate: '2026-06-01',
				reminderCount: 1,
				lastReminderOn: '2026-06-10'
			}),
			row({ id: 'next', dueDate: '2026-05-01', reminderCount: 1, lastReminderOn: '2026-05-04' }),
			row({ id: 'all', dueDate: '2026-01-01', reminderCount: 3, lastReminderOn: '2026-02-01' })
		];
		expect(filterRows(candidates, filter, today, schedule).map((entry) => entry.id)).toEqual([
			'due',
			'next'
		]);
	});
});
