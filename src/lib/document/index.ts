export {
	ATTACHMENT_MIME_TYPES,
	attachmentReferenceSchema,
	MAX_ATTACHMENT_BYTES,
	type AttachmentReference
} from './attachment-reference';
export {
	billingReferenceSchema,
	INVOICE_DOCUMENT_FORMAT,
	INVOICE_DOCUMENT_VERSION,
	invoiceDocumentSchema,
	type BillingReference,
	type InvoiceDocument,
	type InvoiceDocumentInput
} from './invoice-document';
export { parseInvoiceDocument, type FieldError, type ParseResult } from './parse-invoice-document';
export {
	buyerSnapshotSchema,
	peppolIdSchema,
	sellerSnapshotSchema,
	type BuyerSnapshot,
	type SellerSnapshot
} from './party-snapshot';
