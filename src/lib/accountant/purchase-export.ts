import { strToU8, type Zippable } from 'fflate';
import { toCsv } from '$lib/csv';

/**
 * Received (purchase) invoices and credit notes in the accountant's ZIP: the original UBL as it
 * arrived, its embedded PDF when it has one, and purchases.csv (same CSV dialect as listing.csv).
 * Amounts are as the document states them, in its currency.
 */
export interface AccountantPurchase {
	id: string;
	kind: 'invoice' | 'credit-note';
	number: string;
	issueDate: string;
	dueDate: string;
	supplier: string;
	supplierVat: string;
	currency: string;
	/** BT-115 as written. */
	payable: string;
	status: string;
	paidOn: string;
	ubl: Uint8Array;
	pdf: Uint8Array | undefined;
}

export const PURCHASE_CSV_COLUMNS = [
	'type',
	'number',
	'issue_date',
	'due_date',
	'supplier',
	'supplier_vat',
	'currency',
	'payable',
	'status',
	'paid_on',
	'ubl',
	'pdf'
] as const;

export function purchaseFileNames(purchase: AccountantPurchase): { ubl: string; pdf: string } {
	const folder = purchase.kind === 'credit-note' ? 'purchases/credit-notes' : 'purchases/invoices';
	// The supplier's number is only unique per supplier: the id keeps two suppliers' "1" apart.
	const base = `${folder}/${`${purchase.supplierVat || purchase.supplier}_${purchase.number}`.replace(/[^A-Za-z0-9._-]+/g, '_')}_${purchase.id.slice(0, 8)}`;
	return { ubl: `${base}.xml`, pdf: `${base}.pdf` };
}

/** Adds the purchases, in issue order, and purchases.csv to the ZIP's files. */
export function addPurchases(files: Zippable, purchases: readonly AccountantPurchase[]): void {
	if (purchases.length === 0) return;
	const sorted = [...purchases].sort(
		(a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number)
	);
	const rows = sorted.map((purchase) => {
		const names = purchaseFileNames(purchase);
		files[names.ubl] = purchase.ubl;
		if (purchase.pdf) files[names.pdf] = [purchase.pdf, { level: 0 }];
		return [
			purchase.kind === 'credit-note' ? 'credit note' : 'invoice',
			purchase.number,
			purchase.issueDate,
			purchase.dueDate,
			purchase.supplier,
			purchase.supplierVat,
			purchase.currency,
			purchase.payable,
			purchase.status,
			purchase.paidOn,
			names.ubl,
			purchase.pdf ? names.pdf : ''
		];
	});
	files['purchases.csv'] = strToU8(
		toCsv([[...PURCHASE_CSV_COLUMNS], ...rows], { separator: ';', byteOrderMark: true })
	);
}
