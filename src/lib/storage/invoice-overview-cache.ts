import type { BillfoldDb } from './db';
import type { InvoiceSummaryRow } from './invoice-summary';
import {
	packColumns,
	unpackColumns,
	readPackedList,
	writePackedList,
	type ColumnSpec,
	type PackedListRow
} from './packed-list-cache';

/** One row holding every overview summary, packed by column into a single string. */
export type InvoiceOverviewCacheRow = PackedListRow;

const CACHE_KEY = 'summaries';
const TOTALS_KEY = 'totals';

const COLUMNS: ColumnSpec<InvoiceSummaryRow> = {
	/** 2: rows carry the corrected invoice id of a credit note and the delivery warning; 3: reminders. */
	format: 3,
	strings: [
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
	],
	numbers: ['totalCents', 'paidCents', 'reminderCount']
};

export function packSummaries(rows: readonly InvoiceSummaryRow[]): string {
	return packColumns(COLUMNS, rows);
}

/** The rows back, or undefined when the text is not a cache this release wrote. */
export function unpackSummaries(packed: string): InvoiceSummaryRow[] | undefined {
	const columns = unpackColumns(COLUMNS, packed);
	if (!columns) return undefined;
	const { string, number } = columns;
	const rows: InvoiceSummaryRow[] = new Array(columns.count);
	for (let index = 0; index < columns.count; index++) {
		const invoiceNumber = string('number', index);
		const customerName = string('customerName', index);
		rows[index] = {
			id: string('id', index),
			type: string('type', index) as InvoiceSummaryRow['type'],
			number: invoiceNumber,
			issueDate: string('issueDate', index),
			dueDate: string('dueDate', index),
			contactId: string('contactId', index),
			customerName,
			correctsId: string('correctsId', index),
			totalCents: number('totalCents', index),
			paidCents: number('paidCents', index),
			status: string('status', index) as InvoiceSummaryRow['status'],
			channel: string('channel', index) as InvoiceSummaryRow['channel'],
			warning: string('warning', index),
			reminderCount: number('reminderCount', index),
			lastReminderOn: string('lastReminderOn', index),
			searchKey: `${invoiceNumber} ${customerName}`.toLowerCase(),
			updatedAt: string('updatedAt', index)
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
	const cached = await readPackedList(db, CACHE_KEY);
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
		readPackedList(db, TOTALS_KEY),
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
	await writePackedList(db, {
		key: CACHE_KEY,
		updatedAt,
		count: rows.length,
		packed: packSummaries(rows)
	});
	await writePackedList(db, {
		key: TOTALS_KEY,
		updatedAt,
		count: rows.length,
		packed: JSON.stringify(totals)
	});
}
