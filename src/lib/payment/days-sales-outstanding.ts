import { addDays, type IsoDate } from '$lib/invoice/calendar-date';
import type { Cents } from '$lib/money';

/** An invoice as DSO needs it; credit notes are already netted into the balance and the sales. */
export interface ReceivableRow {
	issueDate: IsoDate;
	/** What it asks for after credit notes. */
	salesCents: Cents;
	/** Still to be paid (settleInvoice). */
	balanceCents: Cents;
}

/**
 * Days sales outstanding over the last `days` days (the usual "count-back" ratio): what customers
 * still owe, divided by what was invoiced in the period, times the days. Undefined when nothing
 * was invoiced in the period, since the ratio then says nothing.
 */
export function daysSalesOutstanding(
	rows: Iterable<ReceivableRow>,
	today: IsoDate,
	days = 90
): number | undefined {
	const from = addDays(today, -days);
	let sales = 0;
	let owed = 0;
	for (const row of rows) {
		if (row.issueDate === '' || row.issueDate > today) continue;
		owed += row.balanceCents;
		if (row.issueDate > from) sales += row.salesCents;
	}
	if (sales <= 0) return undefined;
	return Math.round((owed / sales) * days);
}
