import { v5 } from 'uuid';
import { addDays, type IsoDate } from '$lib/invoice';
import type { InvoiceRecord } from './invoice-record';

/** How long a new quote is valid unless the user types another date. */
export const QUOTE_VALIDITY_DAYS = 30;

export function defaultValidUntil(issueDate: IsoDate): IsoDate {
	return addDays(issueDate, QUOTE_VALIDITY_DAYS);
}

/**
 * What the quotes list shows. "issued" is numbered but not yet delivered; "expired" is derived:
 * the validity date passed while the quote was out and the buyer has not answered.
 */
export const QUOTE_STATUSES = [
	'draft',
	'issued',
	'sent',
	'accepted',
	'declined',
	'expired'
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export function quoteStatusOf(
	record: Pick<InvoiceRecord, 'status' | 'decision' | 'dueDate'>,
	today: IsoDate
): QuoteStatus {
	if (record.decision) return record.decision.outcome;
	if (record.status === 'draft' || record.status === 'queued') return 'draft';
	const out = record.status === 'sent';
	if (out && record.dueDate !== undefined && record.dueDate < today) return 'expired';
	return out ? 'sent' : 'issued';
}

export class QuoteRefused extends Error {
	constructor(
		readonly quoteId: string,
		readonly reason: 'notIssued' | 'declined' | 'decided' | 'notAQuote' | 'dateBeforeIssue',
		message: string
	) {
		super(message);
		this.name = 'QuoteRefused';
	}
}

/** Billfold's own namespace for the ids of invoices converted from quotes. */
const CONVERTED_NAMESPACE = '2b8e4f61-93c7-4d2a-b0e5-7a1c9d3f6e48';

/**
 * The id of the invoice draft a quote becomes: the same on every device, so two devices that
 * convert one quote at once write one record, which sync merges, instead of two drafts.
 */
export function convertedInvoiceIdOf(quoteId: string): string {
	return v5(`quote:${quoteId}`, CONVERTED_NAMESPACE);
}

/** Which quotes may become an invoice: one the buyer accepted, or one that is out with them. */
export function convertRefusal(record: InvoiceRecord): QuoteRefused | undefined {
	if (record.type !== 'quote')
		return new QuoteRefused(record.id, 'notAQuote', `${record.id} is not a quote`);
	if (record.decision?.outcome === 'declined')
		return new QuoteRefused(
			record.id,
			'declined',
			`quote ${record.number ?? record.id} was declined and cannot become an invoice`
		);
	if (record.number === undefined)
		return new QuoteRefused(
			record.id,
			'notIssued',
			'a draft quote cannot become an invoice: save it first'
		);
	return undefined;
}

/** Marks the buyer's answer on a numbered quote; the answer is given once, on or after its date. */
export function decideQuote(
	record: InvoiceRecord,
	outcome: 'accepted' | 'declined',
	date: IsoDate,
	now: string
): InvoiceRecord {
	if (record.type !== 'quote' || record.number === undefined || record.issueDate === undefined)
		throw new QuoteRefused(
			record.id,
			'notIssued',
			'only a saved quote can be accepted or declined'
		);
	if (record.decision)
		throw new QuoteRefused(
			record.id,
			'decided',
			`quote ${record.number} was already ${record.decision.outcome}`
		);
	if (date < record.issueDate)
		throw new QuoteRefused(
			record.id,
			'dateBeforeIssue',
			`date: must not be before the quote's issue date ${record.issueDate}`
		);
	return { ...record, decision: { outcome, date }, updatedAt: now };
}
