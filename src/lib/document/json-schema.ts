import { z } from 'zod';
import { invoiceDocumentSchema } from './invoice-document';
import { INVOICE_DOCUMENT_VERSION } from './invoice-document-format';

/**
 * JSON Schema (draft 2020-12) of the invoice document, for other tools that read our exports.
 * Cross-field rules (VAT code references, credit-note reference, date order) live in
 * parseInvoiceDocument only; JSON Schema cannot express them.
 */
export function invoiceDocumentJsonSchema(): Record<string, unknown> {
	const schema = z.toJSONSchema(invoiceDocumentSchema, { io: 'input', unrepresentable: 'any' });
	return {
		...schema,
		title: `Billfold invoice document, version ${INVOICE_DOCUMENT_VERSION}`,
		description:
			'Self-contained Belgian invoice or credit note: seller and buyer snapshots, lines, the VAT codes used, cash-discount terms and attachment references. Amounts are derived from the lines; prepaidCents is in euro cents.'
	};
}
