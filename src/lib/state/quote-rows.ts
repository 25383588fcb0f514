import { quoteStatusOf, type InvoiceRecord, type QuoteStatus } from '$lib/document';
import { recordTotalCents } from '$lib/storage';

/** One line of the quotes list: what it shows, filters, searches and totals. */
export interface QuoteRow {
	id: string;
	number: string;
	issueDate: string;
	validUntil: string;
	customerName: string;
	totalCents: number;
	status: QuoteStatus;
	/** The invoice the quote became, if it was converted. */
	invoiceId: string;
	searchKey: string;
}

export function quoteRowOf(record: InvoiceRecord, today: string, contactName = ''): QuoteRow {
	const number = record.number ?? '';
	const customerName = record.buyer?.name ?? contactName;
	return {
		id: record.id,
		number,
		issueDate: record.issueDate ?? '',
		validUntil: record.dueDate ?? '',
		customerName,
		totalCents: recordTotalCents(record),
		status: quoteStatusOf(record, today),
		invoiceId: record.convertedInvoiceId ?? '',
		searchKey: `${number} ${customerName}`.toLowerCase()
	};
}

export interface QuoteFilter {
	/** Lower-cased text to find in number or customer. */
	search: string;
	status: QuoteStatus | '';
}

export function filterQuoteRows(rows: readonly QuoteRow[], filter: QuoteFilter): QuoteRow[] {
	return rows.filter(
		(row) =>
			(filter.status === '' || row.status === filter.status) &&
			(filter.search === '' || row.searchKey.includes(filter.search))
	);
}

export interface QuoteTotals {
	count: number;
	totalCents: number;
	/** What the buyers accepted: the work the quotes won. */
	acceptedCents: number;
	/** What is still out with a buyer and valid. */
	openCents: number;
}

export function quoteTotalsOf(rows: readonly QuoteRow[]): QuoteTotals {
	let totalCents = 0;
	let acceptedCents = 0;
	let openCents = 0;
	for (const row of rows) {
		totalCents += row.totalCents;
		if (row.status === 'accepted') acceptedCents += row.totalCents;
		if (row.status === 'sent' || row.status === 'issued') openCents += row.totalCents;
	}
	return { count: rows.length, totalCents, acceptedCents, openCents };
}
