export {
	ATTACHMENT_SCHEMA_VERSION,
	attachmentRecordSchema,
	type AttachmentRecord
} from './attachment-record';
export {
	ATTACHMENT_MIME_TYPES,
	attachmentReferenceSchema,
	MAX_ATTACHMENT_BYTES,
	type AttachmentReference
} from './attachment-reference';
export {
	createCreditNote,
	CreditNoteError,
	type CreditNoteOptions,
	type CreditSelection
} from './credit-note';
export { INVOICE_DOCUMENT_FORMAT, INVOICE_DOCUMENT_VERSION } from './invoice-document-format';
export {
	billingReferenceSchema,
	invoiceDocumentSchema,
	type BillingReference,
	type InvoiceDocument,
	type InvoiceDocumentInput
} from './invoice-document';
export {
	INVOICE_SCHEMA_VERSION,
	INVOICE_STATUSES,
	invoiceRecordSchema,
	paymentSchema,
	sendAttemptSchema,
	type InvoiceRecord,
	type InvoiceStatus,
	type Payment,
	type QuoteDecision,
	quoteDecisionSchema,
	type SendAttempt
} from './invoice-record';
export { reminderRecordSchema, type ReminderRecord } from './reminder-record';
export { parseInvoiceDocument, type FieldError, type ParseResult } from './parse-invoice-document';
export {
	buyerSnapshotSchema,
	peppolIdSchema,
	sellerSnapshotSchema,
	type BuyerSnapshot,
	type SellerSnapshot
} from './party-snapshot';
export { invoiceDocumentJsonSchema } from './json-schema';
export { invoiceDocumentFromRecord } from './record-to-document';
export { embeddedImageSchema, type EmbeddedImage } from './embedded-image';
export { imageKey } from './image-key';
export {
	emailTemplateSchema,
	richTextSchema,
	SELLER_PROFILE_DEFAULTS,
	SELLER_PROFILE_SCHEMA_VERSION,
	sellerProfileSchema,
	type SellerProfile
} from './seller-profile';
export {
	buildDocument,
	buyerSnapshotOf,
	documentLanguageOf,
	draftRecordOf,
	emptyForm,
	formLinesOf,
	formOfRecord,
	formTotals,
	isEmbeddable,
	issuedRecordOf,
	parseFormLines,
	paymentReferenceBase,
	sellerSnapshotOf,
	setupOf,
	withTermsDueDate,
	type BuildInput,
	type BuildResult,
	type DraftProblem,
	type InvoiceSetup
} from './invoice-draft';
export {
	ATTACHABLE_MIME_TYPES,
	ATTACHABLE_TYPES,
	attachableType,
	draftKey,
	formAttachmentSchema,
	formLineSchema,
	invoiceFormSchema,
	MAX_TOTAL_ATTACHMENT_BYTES,
	parseStoredForm,
	screenAttachments,
	type AttachableType,
	type AttachmentRefusal,
	type FormAttachment,
	type FormItemLine,
	type FormLine,
	type InvoiceForm
} from './invoice-form';
export {
	QUOTE_STATUSES,
	QUOTE_VALIDITY_DAYS,
	QuoteRefused,
	convertedInvoiceIdOf,
	convertRefusal,
	decideQuote,
	defaultValidUntil,
	quoteStatusOf,
	type QuoteStatus
} from './quote';
