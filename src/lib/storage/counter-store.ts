import type { BillfoldDb } from './db';

export class NumberingError extends Error {
	constructor(
		readonly series: string,
		readonly lastIssueDate: string,
		readonly issueDate: string
	) {
		super(
			`issueDate: ${issueDate} is before ${lastIssueDate}, the last issue date in series "${series}"; numbers must stay chronological`
		);
		this.name = 'NumberingError';
	}
}

export interface TakenNumber {
	series: string;
	sequence: number;
}

/**
 * Takes the next number of a series. Call it inside the transaction that freezes the invoice, so
 * a number is never taken without its invoice (no gaps) or given twice. A date earlier than the
 * series' last one is refused: numbers must be chronological.
 */
export async function takeNextNumber(
	db: BillfoldDb,
	series: string,
	issueDate: string
): Promise<TakenNumber> {
	const row = await db.counters.get(series);
	const lastIssueDate = row?.lastIssueDate ?? null;
	if (lastIssueDate !== null && issueDate < lastIssueDate) {
		throw new NumberingError(series, lastIssueDate, issueDate);
	}
	const sequence = (row?.lastNumber ?? 0) + 1;
	await db.counters.put({ series, lastNumber: sequence, lastIssueDate: issueDate });
	return { series, sequence };
}

export async function readCounter(
	db: BillfoldDb,
	series: string
): Promise<{ lastNumber: number; lastIssueDate: string | null }> {
	const row = await db.counters.get(series);
	return { lastNumber: row?.lastNumber ?? 0, lastIssueDate: row?.lastIssueDate ?? null };
}
