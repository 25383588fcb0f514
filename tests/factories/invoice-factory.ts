import { defaultVatCodes, DEFAULT_VAT_CODE_IDS } from '$lib/vat';
import type { ItemLine } from '$lib/invoice';
import {
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION,
	INVOICE_SCHEMA_VERSION,
	type InvoiceDocument,
	type InvoiceRecord
} from '$lib/document';
import { buildRecordMeta } from './record-meta';
import { buildSeller } from './seller-factory';
import { buildBusinessBuyer } from './contact-factory';

export function buildItemLine(overrides: Partial<ItemLine> = {}): ItemLine {
	return {
		type: 'item',
		description: 'Web design',
		quantity: '1',
		unitCode: 'C62',
		unitPrice: '100',
		vatCodeId: DEFAULT_VAT_CODE_IDS.standard21,
		...overrides
	};
}

/**
 * The worked example: €100 at 21 % with a 2 % cash discount within 14 days, so payable 120.58
 * and 118.58 when paid by 2026-05-31. Only the VAT codes the lines use are snapshotted.
 */
export function buildInvoiceDocument(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
	const lines = overrides.lines ?? [buildItemLine()];
	const used = new Set(lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : [])));
	return {
		format: INVOICE_DOCUMENT_FORMAT,
		version: INVOICE_DOCUMENT_VERSION,
		type: 'invoice',
		number: '2026-0001',
		issueDate: '2026-05-17',
		dueDate: '2026-06-16',
		language: 'nl',
		currency: 'EUR',
		seller: buildSeller(),
		buyer: buildBusinessBuyer(),
		buyerReference: 'PO-4711',
		lines,
		vatCodes: defaultVatCodes.filter((code) => used.has(code.id)),
		cashDiscount: { percent: '2', days: 14 },
		paymentReference: '000000000101',
		attachments: [],
		...overrides
	};
}

/** The stored record of buildInvoiceDocument(), issued and sent over Peppol. */
export function buildInvoiceRecord(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
	const {
		format: _format,
		version: _version,
		currency: _currency,
		...document
	} = buildInvoiceDocument();
	return {
		...buildRecordMeta(INVOICE_SCHEMA_VERSION),
		...document,
		status: 'sent',
		sendHistory: [
			{
				channel: 'peppol',
				at: '2026-05-17T09:05:00.000Z',
				result: 'sent',
				recipient: '0208:0417497106',
				messageId: 'msg-1'
			}
		],
		payments: [],
		...overrides
	};
}
