import type { BillfoldDb } from './db';
import type { InvoiceSummaryRow } from './invoice-summary';

/** One row holding every overview summary, packed by column into a single string. */
export interface InvoiceOverviewCacheRow {
	key: string;
	/** Newest summary updatedAt the cache contains. */
	updatedAt: string;
	count: number;
	packed: string;
}

const CACHE_KEY = 'summaries';
const TOTALS_KEY = 'totals';
/** 2: rows carry the corrected invoice id of a credit note and the delivery warning; 3: reminders. */
const FORMAT = 3;

const STRING_COLUMNS = [
	'id',
	'type',
	'number',
	'issueDate',
	'dueDate',
	'contactId',
	'customerName',
	'correctsId',
	'status',
	'channel',
	'warning',
	'lastReminderOn',
	'updatedAt'
] as const;
const NUMBER_COLUMNS = ['totalCents', 'paidCents', 'reminderCount'] as const;

interface Packed {
	format: number;
	strings: Record<(typeof STRING_COLUMNS)[number], string[]>;
	numbers: Record<(typeof NUMBER_COLUMNS)[number], number[]>;
}

export function packSummaries(rows: readonly InvoiceSummaryRow[]): string {
	const strings = Object.fromEntries(
		STRING_COLUMNS.map((column) => [column, rows.map((row) => row[column] ?? '')])
	) as Packed['strings'];
	const numbers = Object.fromEntries(
		NUMBER_COLUMNS.map((column) => [column, rows.map((row) => row[column] ?? 0)])
	) as Packed['numbers'];
	return JSON.stringify({ format: FORMAT, strings, numbers } satisfies Packed);
}

/** The rows back, or undefined when the text is not a cache this release wrote. */
export function unpackSummaries(packed: string): InvoiceSummaryRow[] | undefined {
	let value: Packed;
	try {
		value = JSON.parse(packed) as Packed;
	} catch {
		return undefined;
	}
	if (value?.format !== FORMAT) return undefined;
	const { strings, numbers } = value;
	const count = strings.id?.length ?? 0;
	const columns = [
		...STRING_COLUMNS.map((c) => strings[c]),
		...NUMBER_COLUMNS.map((c) => numbers[c])
	];
	if (columns.some((column) => !Array.isArray(column) || column.length !== count)) return undefined;
	const rows: InvoiceSummaryRow[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const number = strings.number[index] ?? '';
		const customerName = strings.customerName[index] ?? '';
		rows[index] = {
			id: strings.id[index] ?? '',
			type: strings.type[index] as InvoiceSummaryRow['type'],
			number,
			issueDate: strings.issueDate[index] ?? '',
			dueDate: strings.dueDate[index] ?? '',
			contactId: strings.contactId[index] ?? '',
			customerName,
			correctsId: strings.correctsId[index] ?? '',
			totalCents: numbers.totalCents[index] ?? 0,
			paidCents: numbers.paidCents[index] ?? 0,
			status: strings.status[index] as InvoiceSummaryRow['status'],
			channel: strings.channel[index] as InvoiceSummaryRow['channel'],
			warning: strings.warning[index] ?? '',
			reminderCount: numbers.reminderCount[index] ?? 0,
			lastReminderOn: strings.lastReminderOn[index] ?? '',
			searchKey: `${number} ${customerName}`.toLowerCase(),
			updatedAt: strings.updatedAt[index] ?? ''
		};
	}
	return rows;
}

/**
 * Every overview row from the packed cache plus the summaries written since, or undefined when
 * there is no usable cache or rows were deleted since (the caller then reads the table).
 */
export async function readOverviewCache(
	db: BillfoldDb
): Promise<{ rows: InvoiceSummaryRow[]; stale: boolean } | undefined> {
	const cached = await db.invoiceOverviewCache.get(CACHE_KEY);
	if (!cached) return undefined;
	const rows = unpackSummaries(cached.packed);
	if (!rows) return undefined;
	const changed = await db.invoiceSummaries.where('updatedAt').above(cached.updatedAt).toArray();
	let merged = rows;
	if (changed.length > 0) {
		const byId = new Map(changed.map((row) => [row.id, row]));
		merged = rows.map((row) => {
			const next = byId.get(row.id);
			byId.delete(row.id);
			return next ?? row;
		});
		merged.push(...byId.values());
	}
	if ((await db.invoiceSummaries.count()) !== merged.length) return undefined;
	return { rows: merged, stale: changed.length > 0 };
}

/** Totals of every row, kept small and apart so the first paint can show them before the rows. */
export interface OverviewTotals {
	count: number;
	totalCents: number;
	openCents: number;
}

/** The totals written with the cache, while no summary was written after it. */
export async function readOverviewTotals(db: BillfoldDb): Promise<OverviewTotals | undefined> {
	const [row, newest] = await Promise.all([
		db.invoiceOverviewCache.get(TOTALS_KEY),
		db.invoiceSummaries.orderBy('updatedAt').last()
	]);
	if (!row || row.updatedAt !== (newest?.updatedAt ?? '')) return undefined;
	try {
		const totals = JSON.parse(row.packed) as Partial<OverviewTotals>;
		const { count, totalCents, openCents } = totals;
		if (
			typeof count !== 'number' ||
			typeof totalCents !== 'number' ||
			typeof openCents !== 'number'
		)
			return undefined;
		return { count, totalCents, openCents };
	} catch {
		return undefined;
	}
}

export async function writeOverviewCache(
	db: BillfoldDb,
	rows: readonly InvoiceSummaryRow[],
	totals: OverviewTotals
): Promise<void> {
	const updatedAt = rows.reduce(
		(newest, row) => (row.updatedAt > newest ? row.updatedAt : newest),
		''
	);
	await db.invoiceOverviewCache.put({
		key: CACHE_KEY,
		updatedAt,
		count: rows.length,
		packed: packSummaries(rows)
	});
	await db.invoiceOverviewCache.put({
		key: TOTALS_KEY,
		updatedAt,
		count: rows.length,
		packed: JSON.stringify(totals)
	});
}
