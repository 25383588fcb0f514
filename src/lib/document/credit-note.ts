import Big from 'big.js';
import type { IsoDate } from '$lib/invoice';
import type { InvoiceDocument } from './invoice-document';

export class CreditNoteError extends Error {
	constructor(
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
		this.name = 'CreditNoteError';
	}
}

/** Which line of the invoice to credit, and how much of it (default: its whole quantity). */
export interface CreditSelection {
	lineIndex: number;
	quantity?: string | undefined;
}

export interface CreditNoteOptions {
	number: string;
	issueDate: IsoDate;
	/** Absent: the whole invoice is credited. */
	lines?: readonly CreditSelection[] | undefined;
	notes?: string | undefined;
}

function selectLines(
	invoice: InvoiceDocument,
	selections: readonly CreditSelection[]
): InvoiceDocument['lines'] {
	if (selections.length === 0)
		throw new CreditNoteError('lines', 'select at least one line to credit');
	const seen = new Set<number>();
	return selections.map((selection, position) => {
		const path = `lines.${position}`;
		const line = invoice.lines[selection.lineIndex];
		if (!line || line.type !== 'item') {
			throw new CreditNoteError(
				`${path}.lineIndex`,
				`invoice line ${selection.lineIndex} is not a priced line`
			);
		}
		if (seen.has(selection.lineIndex)) {
			throw new CreditNoteError(
				`${path}.lineIndex`,
				`line ${selection.lineIndex} is selected twice`
			);
		}
		seen.add(selection.lineIndex);
		const quantity = selection.quantity ?? line.quantity;
		const credited = new Big(quantity);
		const original = new Big(line.quantity);
		if (credited.eq(0) || credited.s !== original.s || credited.abs().gt(original.abs())) {
			throw new CreditNoteError(
				`${path}.quantity`,
				`must be non-zero, of the same sign as and at most ${line.quantity}`
			);
		}
		return { ...line, quantity };
	});
}

/**
 * A credit note that corrects an issued invoice in full or in part. It keeps the invoice's
 * snapshots, VAT codes and cash-discount terms, so the VAT it reverses is computed exactly as it
 * was charged (a credit note carries positive amounts; its type says they are credited).
 */
export function createCreditNote(
	invoice: InvoiceDocument,
	options: CreditNoteOptions
): InvoiceDocument {
	if (invoice.type !== 'invoice')
		throw new CreditNoteError('type', 'only an invoice can be credited');
	if (options.issueDate < invoice.issueDate) {
		throw new CreditNoteError(
			'issueDate',
			`must not be before the invoice date ${invoice.issueDate}`
		);
	}
	const lines = options.lines ? selectLines(invoice, options.lines) : invoice.lines;
	const pricedCount = invoice.lines.filter((line) => line.type === 'item').length;
	const full =
		!options.lines ||
		(options.lines.length === pricedCount &&
			options.lines.every((selection) => {
				const line = invoice.lines[selection.lineIndex];
				return (
					line?.type === 'item' && new Big(selection.quantity ?? line.quantity).eq(line.quantity)
				);
			}));
	const used = new Set(lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : [])));
	const {
		paymentReference: _paymentReference,
		dueDate: _dueDate,
		prepaidCents: _prepaidCents,
		buyerReference,
		...kept
	} = invoice;
	return {
		...kept,
		type: 'creditNote',
		number: options.number,
		issueDate: options.issueDate,
		dueDate: options.issueDate,
		buyerReference: buyerReference ?? invoice.number,
		lines,
		vatCodes: invoice.vatCodes.filter((code) => used.has(code.id)),
		notes: options.notes ?? invoice.notes,
		billingReference: {
			number: invoice.number,
			issueDate: invoice.issueDate,
			scope: full ? 'full' : 'partial'
		}
	};
}
