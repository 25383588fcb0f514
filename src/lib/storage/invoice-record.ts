import { z } from 'zod';
import { billingReferenceSchema, invoiceDocumentSchema } from '$lib/document';

export const INVOICE_STATUSES = ['draft', 'queued', 'issued', 'sending', 'sent', 'failed'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** "manual" is the no-relay path: the user downloaded the files and e-mailed them from their own client. */
export const DELIVERY_CHANNELS = ['peppol', 'email', 'manual'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What the user may attach: PDF, Word, Excel, JPEG, PNG. */
export const ATTACHABLE_MIME_TYPES = [
	'application/pdf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'image/jpeg',
	'image/png'
] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd');
const isoInstant = z.string().min(1);

/**
 * A line as the user typed it. Numbers stay text until the invoice is issued, so a half-typed
 * "12," survives a reload instead of being rejected.
 */
export const draftLineSchema = z.discriminatedUnion('type', [
	z.object({
		key: z.string().min(1),
		type: z.literal('item'),
		itemId: z.string().min(1).optional(),
		description: z.string(),
		quantity: z.string(),
		unitCode: z.string(),
		unitPrice: z.string(),
		vatCodeId: z.string(),
		discountPercent: z.string()
	}),
	z.object({ key: z.string().min(1), type: z.literal('text'), text: z.string() })
]);
export type DraftLine = z.infer<typeof draftLineSchema>;
export type DraftItemLine = Extract<DraftLine, { type: 'item' }>;

export const draftAttachmentSchema = z.object({
	id: z.string().min(1),
	fileName: z.string().min(1).max(200),
	mimeType: z.enum(ATTACHABLE_MIME_TYPES),
	size: z.number().int().min(1)
});
export type DraftAttachment = z.infer<typeof draftAttachmentSchema>;

/** The editable part of an invoice: everything the editor shows, in the form it was typed. */
export const invoiceDraftSchema = z.object({
	contactId: z.string().min(1).optional(),
	issueDate: z.string(),
	deliveryDate: z.string(),
	dueDate: z.string(),
	/** While true the due date follows the payment terms; typing a date turns it off. */
	dueDateFromTerms: z.boolean(),
	buyerReference: z.string(),
	orderReference: z.string(),
	notes: z.string(),
	cashDiscount: z.boolean(),
	lines: z.array(draftLineSchema),
	attachments: z.array(draftAttachmentSchema),
	/** On a credit note: the invoice it corrects (BG-3). */
	billingReference: billingReferenceSchema.optional(),
	creditedInvoiceId: z.string().min(1).optional()
});
export type InvoiceDraft = z.infer<typeof invoiceDraftSchema>;

export const paymentSchema = z.object({
	id: z.string().min(1),
	date: isoDate,
	amountCents: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
	recordedAt: isoInstant
});
export type Payment = z.infer<typeof paymentSchema>;

/** One attempt to deliver the invoice, as the delivery history lists it. */
export const deliverySchema = z.object({
	id: z.string().min(1),
	channel: z.enum(DELIVERY_CHANNELS),
	state: z.enum(DELIVERY_STATES),
	at: isoInstant,
	messageId: z.string().min(1).optional(),
	reason: z.string().min(1).optional(),
	retryable: z.boolean().optional()
});
export type Delivery = z.infer<typeof deliverySchema>;

export const issuedPartSchema = z.object({
	document: invoiceDocumentSchema,
	series: z.string().min(1),
	sequence: z.number().int().min(1),
	issuedAt: isoInstant
});
export type IssuedPart = z.infer<typeof issuedPartSchema>;

export const INVOICE_RECORD_VERSION = 1;

/** An invoice or credit note: a draft until issued, then frozen with its number and document. */
export const invoiceRecordSchema = z.object({
	id: z.string().min(1),
	documentType: z.enum(['invoice', 'creditNote']),
	status: z.enum(INVOICE_STATUSES),
	draft: invoiceDraftSchema,
	issued: issuedPartSchema.optional(),
	payments: z.array(paymentSchema),
	deliveries: z.array(deliverySchema)
});
export type InvoiceRecord = z.infer<typeof invoiceRecordSchema>;
