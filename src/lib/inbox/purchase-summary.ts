import { centsFromEuros, type Cents, type DecimalString } from '$lib/money';
import { compactStructuredReference, isValidStructuredReference } from '$lib/payment';
import type { PurchaseDocument } from './purchase-document';

/** What is due: cents when the document is in euro with at most 2 decimals, else the exact decimal. */
export type PurchasePayable =
	{ currency: 'EUR'; cents: Cents } | { currency: string; amount: DecimalString };

/** One row of the inbox list: what the list shows, sorts on and searches. */
export interface PurchaseSummary {
	kind: PurchaseDocument['kind'];
	supplier: string;
	number: string;
	issueDate: string;
	dueDate?: string;
	/** BT-115 as the document states it (a credit note's is what the supplier owes back). */
	payable: PurchasePayable;
	/** The Belgian structured reference (OGM) as 12 digits, when BT-83 is a valid one. */
	ogm?: string;
	/** Folded by foldSearchText; fold the query the same way and test with includes(). */
	searchText: string;
}

/** Lower case without accents, so "cafe" finds "Café" and "ELS" finds "Els". */
export function foldSearchText(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function payableOf(document: PurchaseDocument): PurchasePayable {
	const amount = document.totals.payable;
	if (document.currency === 'EUR' && /^-?\d+(\.\d{1,2})?$/.test(amount)) {
		try {
			return { currency: 'EUR', cents: centsFromEuros(amount, 'payable') };
		} catch {
			// Beyond what cents can hold exactly: shown as the decimal it is.
		}
	}
	return { currency: document.currency, amount };
}

export function purchaseDocumentSummary(document: PurchaseDocument): PurchaseSummary {
	const { supplier, payment } = document;
	const reference = payment.reference;
	const ogm =
		reference !== undefined && isValidStructuredReference(reference)
			? compactStructuredReference(reference)
			: undefined;
	const searchable = [
		supplier.name,
		supplier.tradingName,
		supplier.vatNumber,
		supplier.companyId?.id,
		document.number,
		document.buyerReference,
		document.orderReference,
		reference,
		ogm,
		document.totals.payable
	];
	const summary: PurchaseSummary = {
		kind: document.kind,
		supplier: supplier.name,
		number: document.number,
		issueDate: document.issueDate,
		payable: payableOf(document),
		searchText: foldSearchText(searchable.filter(Boolean).join(' '))
	};
	if (document.dueDate !== undefined) summary.dueDate = document.dueDate;
	if (ogm !== undefined) summary.ogm = ogm;
	return summary;
}
