import { centsFromEuros } from '$lib/money';
import type { PurchaseSummary } from '$lib/storage/purchase-records';
import type { PurchaseDocument } from './purchase-document';

/** The list's view of a parsed document: taken once, when it arrives. */
export function purchaseSummary(document: PurchaseDocument): PurchaseSummary {
	let payableCents = 0;
	try {
		payableCents = centsFromEuros(document.totals.payable, 'payable');
	} catch {
		// A total the parser passed but money cannot hold stays 0 in the list; the page shows it as written.
	}
	return {
		kind: document.kind,
		number: document.number,
		supplierName: document.supplier.name,
		supplierVat: document.supplier.vatNumber ?? null,
		issueDate: document.issueDate,
		dueDate: document.dueDate ?? null,
		currency: document.currency,
		payable: document.totals.payable,
		payableCents,
		corrects: document.precedingInvoices.map((invoice) => invoice.number)
	};
}

/** What the search box matches: supplier, number, VAT number, sender id. */
export function purchaseSearchText(summary: PurchaseSummary | null, sender: string | null): string {
	return [summary?.supplierName, summary?.number, summary?.supplierVat, sender]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join(' ')
		.toLowerCase();
}
