import { invoiceDocumentSchema, type InvoiceDocument } from './invoice-document';
import { INVOICE_DOCUMENT_FORMAT, INVOICE_DOCUMENT_VERSION } from './invoice-document-format';
import type { InvoiceRecord } from './invoice-record';
import type { ParseResult } from './parse-invoice-document';

/**
 * The self-contained document of an issued invoice record, for UBL, PDF and export. Only the VAT
 * codes the lines use are kept. Fails with field errors when the record is not issued or incomplete.
 */
export function invoiceDocumentFromRecord(record: InvoiceRecord): ParseResult {
	const used = new Set(
		record.lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : []))
	);
	const candidate: Partial<InvoiceDocument> & Record<string, unknown> = {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: record.type,
		number: record.number,
		issueDate: record.issueDate,
		dueDate: record.dueDate,
		deliveryDate: record.deliveryDate,
		language: record.language,
		currency: 'EUR',
		seller: record.seller,
		buyer: record.buyer,
		buyerReference: record.buyerReference,
		orderReference: record.orderReference,
		lines: record.lines,
		vatCodes: record.vatCodes?.filter((code) => used.has(code.id)),
		cashDiscount: record.cashDiscount,
		prepaidCents: record.prepaidCents,
		paymentReference: record.paymentReference,
		paymentTerms: record.paymentTerms,
		notes: record.notes,
		billingReference: record.billingReference,
		quoteReference: record.quoteReference,
		attachments: record.attachments
	};
	for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
	const result = invoiceDocumentSchema.safeParse(candidate);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		errors: result.error.issues.map((issue) => ({
			path: issue.path.map(String).join('.'),
			message: issue.message
		}))
	};
}
