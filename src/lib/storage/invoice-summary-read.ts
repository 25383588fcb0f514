import { liveQuery } from 'dexie';
import type { BillfoldDb } from './db';
import type { InvoiceSummaryRow } from './invoice-summary';

/*
 * The overview's reads of its projection rows, apart from invoice-store: they need no document
 * schema, so the overview's first paint does not load zod and the document model.
 */

/** Every overview row; the rows are small, so 100k of them load in one read. */
export async function listInvoiceSummaries(db: BillfoldDb): Promise<InvoiceSummaryRow[]> {
	return db.invoiceSummaries.toArray();
}

/** The newest rows by issue date, straight from the index: the overview's first screen. */
export async function newestInvoiceSummaries(
	db: BillfoldDb,
	limit: number
): Promise<InvoiceSummaryRow[]> {
	return db.invoiceSummaries.orderBy('issueDate').reverse().limit(limit).toArray();
}

/** Invoice rows written after the newest overview row (by another device through sync). */
export async function summariesChangedSince(db: BillfoldDb): Promise<string> {
	const newest = await db.invoiceSummaries.orderBy('updatedAt').last();
	return newest?.updatedAt ?? '';
}

/** Whether there is one overview row per invoice and credit note (quotes have none). */
export async function summaryCountsAgree(db: BillfoldDb): Promise<boolean> {
	const [records, quotes, summaries] = await Promise.all([
		db.invoices.count(),
		db.invoices.where('documentType').equals('quote').count(),
		db.invoiceSummaries.count()
	]);
	return records - quotes === summaries;
}

/** Whether refreshInvoiceSummaries has work: checked with counts, without reading a record. */
export async function summariesBehind(db: BillfoldDb): Promise<boolean> {
	const since = await summariesChangedSince(db);
	// Quotes have no overview row, so a quote newer than every row is no work.
	const changed = db.invoices.where('updatedAt').above(since);
	if ((await changed.filter((row) => row.documentType !== 'quote').count()) > 0) return true;
	return !(await summaryCountsAgree(db));
}

/**
 * Calls back with overview rows changed after `since`, now and on every later write in any tab.
 * Returns the function that stops watching.
 */
export function watchInvoiceSummaries(
	db: BillfoldDb,
	since: string,
	onChange: (rows: InvoiceSummaryRow[]) => void
): () => void {
	let seen = since;
	const subscription = liveQuery(() =>
		db.invoiceSummaries.where('updatedAt').above(seen).toArray()
	).subscribe({
		next: (rows) => {
			if (rows.length === 0) return;
			seen = rows.reduce((newest, row) => (row.updatedAt > newest ? row.updatedAt : newest), seen);
			onChange(rows);
		}
	});
	return () => subscription.unsubscribe();
}
