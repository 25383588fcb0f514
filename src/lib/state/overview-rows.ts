// Narrow modules, not the barrels: the overview's first paint loads this file, and the barrels
// bring zod schemas and the IBAN and VAT-number checkers it never uses.
import { creditedCentsByInvoice, settleInvoice } from '$lib/payment/settlement';
import { daysSalesOutstanding } from '$lib/payment/days-sales-outstanding';
import { toCsv } from '$lib/csv';
import { nextReminder } from '$lib/reminders/due-reminders';
import type { ReminderSchedule } from '$lib/reminders/reminder-settings';
import type { InvoiceSummaryRow } from '$lib/storage/invoice-summary';

export type { InvoiceSummaryRow };

/** A summary as the overview shows it: an invoice knows what its credit notes took off. */
export interface OverviewRow extends InvoiceSummaryRow {
	/** Sum of the credit notes correcting this invoice; absent means none. */
	creditedCents?: number;
}

/**
 * Gives every invoice the amount its credit notes credit (drafts do not count). A row keeps its
 * identity when that amount did not change, so 100k rows are not copied per keystroke.
 */
export function withCredits(rows: readonly OverviewRow[]): OverviewRow[] {
	const credited = creditedCentsByInvoice(
		rows.filter((row) => row.type === 'creditNote' && row.status !== 'draft')
	);
	return rows.map((row) => {
		const cents = row.type === 'invoice' ? (credited.get(row.id) ?? 0) : 0;
		if ((row.creditedCents ?? 0) === cents) return row;
		return { ...row, creditedCents: cents };
	});
}

/** What is still owed on an invoice row: total − payments − credit notes, never below zero. */
export function balanceOf(row: OverviewRow): ReturnType<typeof settleInvoice> {
	return settleInvoice({
		totalCents: row.totalCents,
		paidCents: row.paidCents,
		creditedCents: row.creditedCents ?? 0
	});
}

export const OVERVIEW_STATUSES = [
	'draft',
	'queued',
	'issued',
	'sending',
	'sent',
	'failed',
	'paid',
	'partlyPaid',
	'credited',
	'overdue'
] as const;
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

export const SORT_KEYS = [
	'number',
	'issueDate',
	'customerName',
	'totalCents',
	'dueDate',
	'status',
	'channel'
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A filter beside the statuses: overdue invoices whose reminder schedule reached a step today. */
export const TO_REMIND = 'toRemind';
export type StatusFilter = OverviewStatus | typeof TO_REMIND | '';

export interface OverviewFilter {
	/** Lower-cased search text, matched against number and customer. */
	search: string;
	status: StatusFilter;
	from: string;
	to: string;
	contactId: string;
}

/**
 * The status the overview shows. Payments and credit notes settle an invoice (paid, partly paid,
 * credited); one with a balance left turns overdue once it passes its due date.
 */
export function overviewStatus(row: OverviewRow, today: string): OverviewStatus {
	if (row.status === 'draft' || row.type !== 'invoice') return row.status;
	const { status } = balanceOf(row);
	if (status === 'paid' || status === 'credited') return status;
	if (row.dueDate !== '' && row.dueDate < today) return 'overdue';
	return status === 'partlyPaid' ? 'partlyPaid' : row.status;
}

function compareBy(key: SortKey, today: string): (a: OverviewRow, b: OverviewRow) => number {
	switch (key) {
		case 'totalCents':
			return (a, b) => a.totalCents - b.totalCents;
		case 'status':
			return (a, b) =>
				overviewStatus(a, today) < overviewStatus(b, today)
					? -1
					: overviewStatus(a, today) > overviewStatus(b, today)
						? 1
						: 0;
		default:
			return (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
	}
}

/** Sorted once per sort change; filtering keeps this order, so a keystroke never sorts. */
export function sortRows(
	rows: readonly OverviewRow[],
	key: SortKey,
	direction: 'asc' | 'desc',
	today: string
): OverviewRow[] {
	const compare = compareBy(key, today);
	const sign = direction === 'asc' ? 1 : -1;
	// Ties fall back to the number so equal dates keep the series order.
	return [...rows].sort(
		(a, b) => sign * (compare(a, b) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
	);
}

/** Whether the reminder schedule reached its next step for this row today. */
export function isToRemind(row: OverviewRow, schedule: ReminderSchedule, today: string): boolean {
	const count = row.reminderCount ?? 0;
	const next = nextReminder(
		{
			id: row.id,
			type: row.type,
			status: row.status,
			dueDate: row.dueDate,
			balanceCents: balanceOf(row).balanceCents,
			reminders: count > 0 ? [{ step: count, on: row.lastReminderOn ?? '' }] : []
		},
		schedule
	);
	return next !== undefined && next.dueOn <= today;
}

export function filterRows(
	sorted: readonly OverviewRow[],
	filter: OverviewFilter,
	today: string,
	schedule?: ReminderSchedule
): OverviewRow[] {
	const { search, status, from, to, contactId } = filter;
	const result: OverviewRow[] = [];
	for (const row of sorted) {
		if (search !== '' && !row.searchKey.includes(search)) continue;
		if (contactId !== '' && row.contactId !== contactId) continue;
		if (from !== '' && (row.issueDate === '' || row.issueDate < from)) continue;
		if (to !== '' && (row.issueDate === '' || row.issueDate > to)) continue;
		if (status === TO_REMIND) {
			if (!schedule || !isToRemind(row, schedule, today)) continue;
		} else if (status !== '' && overviewStatus(row, today) !== status) continue;
		result.push(row);
	}
	return result;
}

export interface RowTotals {
	count: number;
	/** Invoices add, credit notes subtract. */
	totalCents: number;
	/** Still to be paid: each invoice's total minus its payments and the credit notes correcting it. */
	openCents: number;
}

export function totalsOf(rows: readonly OverviewRow[]): RowTotals {
	let totalCents = 0;
	let openCents = 0;
	for (const row of rows) {
		if (row.status === 'draft') continue;
		const sign = row.type === 'creditNote' ? -1 : 1;
		totalCents += sign * row.totalCents;
		if (row.type === 'invoice') openCents += balanceOf(row).balanceCents;
	}
	return { count: rows.length, totalCents, openCents };
}

/** Days sales outstanding of the last 90 days, over every issued invoice (not just those shown). */
export function dsoOf(rows: readonly OverviewRow[], today: string): number | undefined {
	return daysSalesOutstanding(
		rows
			.filter((row) => row.type === 'invoice' && row.status !== 'draft')
			.map((row) => ({
				issueDate: row.issueDate,
				salesCents: Math.max(row.totalCents - (row.creditedCents ?? 0), 0),
				balanceCents: balanceOf(row).balanceCents
			})),
		today
	);
}

/** CSV (RFC 4180) of the rows as shown; amounts as plain decimals so spreadsheets read them. */
export function rowsToCsv(
	rows: readonly OverviewRow[],
	headers: readonly string[],
	label: (row: OverviewRow) => { status: string; channel: string; type: string }
): string {
	const decimal = (cents: number) => {
		const sign = cents < 0 ? '-' : '';
		const absolute = Math.abs(cents);
		return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
	};
	const lines = rows.map((row) => {
		const text = label(row);
		return [
			text.type,
			row.number,
			row.issueDate,
			row.customerName,
			decimal(row.type === 'creditNote' ? -row.totalCents : row.totalCents),
			decimal(row.paidCents),
			row.dueDate,
			text.status,
			text.channel
		];
	});
	return toCsv([headers, ...lines]);
}

export function customersOf(rows: readonly OverviewRow[]): { id: string; name: string }[] {
	const names = new Map<string, string>();
	for (const row of rows) if (row.contactId) names.set(row.contactId, row.customerName);
	return [...names]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Replaces changed rows by id and appends new ones. */
export function mergeRows(
	rows: readonly OverviewRow[],
	changed: readonly OverviewRow[]
): OverviewRow[] {
	const byId = new Map(changed.map((row) => [row.id, row]));
	const merged = rows.map((row) => {
		const next = byId.get(row.id);
		byId.delete(row.id);
		return next ?? row;
	});
	return [...merged, ...byId.values()];
}
