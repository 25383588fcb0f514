import type { InvoiceSummaryRow } from '$lib/storage';

export type { InvoiceSummaryRow };

export const OVERVIEW_STATUSES = [
	'draft',
	'queued',
	'issued',
	'sending',
	'sent',
	'failed',
	'paid',
	'partlyPaid',
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

export interface OverviewFilter {
	/** Lower-cased search text, matched against number and customer. */
	search: string;
	status: OverviewStatus | '';
	from: string;
	to: string;
	contactId: string;
}

/** The status the overview shows: overdue once an unpaid invoice passes its due date. */
export function overviewStatus(row: InvoiceSummaryRow, today: string): OverviewStatus {
	if (row.status === 'paid' || row.status === 'partlyPaid' || row.status === 'draft')
		return row.status;
	if (
		row.type === 'invoice' &&
		row.dueDate !== '' &&
		row.dueDate < today &&
		row.paidCents < row.totalCents
	) {
		return 'overdue';
	}
	return row.status;
}

function compareBy(
	key: SortKey,
	today: string
): (a: InvoiceSummaryRow, b: InvoiceSummaryRow) => number {
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
	rows: readonly InvoiceSummaryRow[],
	key: SortKey,
	direction: 'asc' | 'desc',
	today: string
): InvoiceSummaryRow[] {
	const compare = compareBy(key, today);
	const sign = direction === 'asc' ? 1 : -1;
	// Ties fall back to the number so equal dates keep the series order.
	return [...rows].sort(
		(a, b) => sign * (compare(a, b) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
	);
}

export function filterRows(
	sorted: readonly InvoiceSummaryRow[],
	filter: OverviewFilter,
	today: string
): InvoiceSummaryRow[] {
	const { search, status, from, to, contactId } = filter;
	const result: InvoiceSummaryRow[] = [];
	for (const row of sorted) {
		if (search !== '' && !row.searchKey.includes(search)) continue;
		if (contactId !== '' && row.contactId !== contactId) continue;
		if (from !== '' && (row.issueDate === '' || row.issueDate < from)) continue;
		if (to !== '' && (row.issueDate === '' || row.issueDate > to)) continue;
		if (status !== '' && overviewStatus(row, today) !== status) continue;
		result.push(row);
	}
	return result;
}

export interface RowTotals {
	count: number;
	/** Invoices add, credit notes subtract. */
	totalCents: number;
	openCents: number;
}

export function totalsOf(rows: readonly InvoiceSummaryRow[]): RowTotals {
	let totalCents = 0;
	let openCents = 0;
	for (const row of rows) {
		if (row.status === 'draft') continue;
		const sign = row.type === 'creditNote' ? -1 : 1;
		totalCents += sign * row.totalCents;
		if (row.type === 'invoice') openCents += Math.max(row.totalCents - row.paidCents, 0);
	}
	return { count: rows.length, totalCents, openCents };
}

function csvField(value: string): string {
	return /[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180) of the rows as shown; amounts as plain decimals so spreadsheets read them. */
export function rowsToCsv(
	rows: readonly InvoiceSummaryRow[],
	headers: readonly string[],
	label: (row: InvoiceSummaryRow) => { status: string; channel: string; type: string }
): string {
	const decimal = (cents: number) => {
		const sign = cents < 0 ? '-' : '';
		const absolute = Math.abs(cents);
		return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
	};
	const lines = [headers.map(csvField).join(',')];
	for (const row of rows) {
		const text = label(row);
		lines.push(
			[
				text.type,
				row.number,
				row.issueDate,
				row.customerName,
				decimal(row.type === 'creditNote' ? -row.totalCents : row.totalCents),
				decimal(row.paidCents),
				row.dueDate,
				text.status,
				text.channel
			]
				.map(csvField)
				.join(',')
		);
	}
	return `${lines.join('\r\n')}\r\n`;
}

export function customersOf(rows: readonly InvoiceSummaryRow[]): { id: string; name: string }[] {
	const names = new Map<string, string>();
	for (const row of rows) if (row.contactId) names.set(row.contactId, row.customerName);
	return [...names]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Replaces changed rows by id and appends new ones. */
export function mergeRows(
	rows: readonly InvoiceSummaryRow[],
	changed: readonly InvoiceSummaryRow[]
): InvoiceSummaryRow[] {
	const byId = new Map(changed.map((row) => [row.id, row]));
	const merged = rows.map((row) => {
		const next = byId.get(row.id);
		byId.delete(row.id);
		return next ?? row;
	});
	return [...merged, ...byId.values()];
}
