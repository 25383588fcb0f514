import { formatInvoiceNumber, nextInvoiceNumber, type NumberPattern } from '$lib/numbering';
import type { BillfoldDb } from './db';

export interface TakenNumber {
	series: string;
	sequence: number;
	number: string;
}

/**
 * Takes the next number of a series. Call it inside the transaction that freezes the invoice, so
 * a number is never taken without its invoice (no gaps) or given twice. An issue date before the
 * series' last one is refused with a NumberingError: numbers must be chronological.
 */
export async function takeNextNumber(
	db: BillfoldDb,
	series: string,
	pattern: NumberPattern,
	issueDate: string
): Promise<TakenNumber> {
	const row = await db.counters.get(series);
	const last =
		row && row.lastNumber > 0 && row.lastIssueDate
			? {
					number: formatInvoiceNumber(pattern, row.lastNumber, row.lastIssueDate),
					issueDate: row.lastIssueDate
				}
			: undefined;
	const next = nextInvoiceNumber(pattern, last, issueDate);
	await db.counters.put({ series, lastNumber: next.sequence, lastIssueDate: issueDate });
	return { series, sequence: next.sequence, number: next.number };
}

export async function readCounter(
	db: BillfoldDb,
	series: string
): Promise<{ lastNumber: number; lastIssueDate: string | null }> {
	const row = await db.counters.get(series);
	return { lastNumber: row?.lastNumber ?? 0, lastIssueDate: row?.lastIssueDate ?? null };
}
