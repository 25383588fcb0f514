import { strToU8, zipSync, type Zippable } from 'fflate';
import { invoiceDocumentFromRecord, type InvoiceRecord } from '$lib/document';
import { computeTotals } from '$lib/invoice';
import { centsToDecimalString } from '$lib/money';
import { toCsv } from '$lib/csv';
import { addPurchases, type AccountantPurchase } from './purchase-export';

/**
 * The plain export for the accountant: a ZIP with the PDF and the UBL of every issued invoice and
 * credit note, and listing.csv (UTF-8 with BOM, semicolon-separated, as Belgian spreadsheets open
 * it). Amounts are in euro with a dot, positive for both document types; the type column tells
 * them apart. Rendering stays with the caller (the serializers), so this module only packs.
 */
export interface AccountantDocument {
	record: InvoiceRecord;
	pdf: Uint8Array;
	ublXml: string;
}

export const CSV_COLUMNS = [
	'type',
	'number',
	'issue_date',
	'due_date',
	'buyer',
	'buyer_vat',
	'net_eur',
	'vat_eur',
	'total_eur',
	'paid_eur',
	'status',
	'pdf',
	'ubl'
] as const;

/** An issued tax document: a quote is none, so the accountant never gets one. */
export function isIssued(record: InvoiceRecord): boolean {
	return (
		record.type !== 'quote' &&
		record.status !== 'draft' &&
		record.status !== 'queued' &&
		record.number !== undefined
	);
}

function safeFileName(number: string): string {
	return number.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function folderOf(record: InvoiceRecord): string {
	return record.type === 'creditNote' ? 'credit-notes' : 'invoices';
}

export function accountantFileNames(record: InvoiceRecord): { pdf: string; ubl: string } {
	const base = `${folderOf(record)}/${safeFileName(record.number ?? record.id)}`;
	return { pdf: `${base}.pdf`, ubl: `${base}.xml` };
}

export function accountantCsv(records: readonly InvoiceRecord[]): string {
	const rows = records.map((record) => {
		const parsed = invoiceDocumentFromRecord(record);
		if (!parsed.ok) {
			const first = parsed.errors[0];
			throw new Error(`invoice ${record.number ?? record.id}: ${first?.path} ${first?.message}`);
		}
		const document = parsed.value;
		const totals = computeTotals(document);
		const files = accountantFileNames(record);
		const paid = record.payments.reduce((sum, payment) => sum + payment.amountCents, 0);
		return [
			record.type === 'creditNote' ? 'credit note' : 'invoice',
			document.number,
			document.issueDate,
			document.dueDate ?? '',
			document.buyer.name,
			document.buyer.vatNumber ?? '',
			centsToDecimalString(totals.taxExclusiveCents),
			centsToDecimalString(totals.taxCents),
			centsToDecimalString(totals.taxInclusiveCents),
			centsToDecimalString(paid),
			record.status,
			files.pdf,
			files.ubl
		];
	});
	return toCsv([[...CSV_COLUMNS], ...rows], { separator: ';', byteOrderMark: true });
}

/**
 * Issued documents only, in issue order; throws (naming the invoice) if one cannot be read. The
 * received purchase invoices go in purchases/ with their own listing.
 */
export function buildAccountantZip(
	documents: readonly AccountantDocument[],
	purchases: readonly AccountantPurchase[] = []
): Uint8Array {
	const issued = documents
		.filter((entry) => isIssued(entry.record))
		.sort(
			(a, b) =>
				(a.record.issueDate ?? '').localeCompare(b.record.issueDate ?? '') ||
				(a.record.number ?? '').localeCompare(b.record.number ?? '')
		);
	const files: Zippable = {
		'listing.csv': strToU8(accountantCsv(issued.map((entry) => entry.record)))
	};
	for (const entry of issued) {
		const names = accountantFileNames(entry.record);
		files[names.pdf] = [entry.pdf, { level: 0 }];
		files[names.ubl] = strToU8(entry.ublXml);
	}
	addPurchases(files, purchases);
	return zipSync(files, { level: 6 });
}
