import { LANGUAGES } from '$lib/language';
import { z } from 'zod';
import { vatCodeSchema } from '$lib/vat';
import { recordMetaSchema } from '$lib/contacts';
import { cashDiscountTermsSchema, invoiceLineSchema, isoDateSchema } from '$lib/invoice';
import { attachmentReferenceSchema } from './attachment-reference';
import { billingReferenceSchema } from './invoice-document';
import { buyerSnapshotSchema, sellerSnapshotSchema } from './party-snapshot';
import { reminderRecordSchema } from './reminder-record';
import { sendAttemptSchema } from './send-attempt';

export const INVOICE_SCHEMA_VERSION = 1;

/** draft → queued (offline, number on reconnect) → issued → sending → sent | failed; then paid. */
export const INVOICE_STATUSES = [
	'draft',
	'queued',
	'issued',
	'sending',
	'sent',
	'failed',
	'paid',
	'partlyPaid'
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export { sendAttemptSchema, type SendAttempt } from './send-attempt';

export const paymentSchema = z.object({
	date: isoDateSchema,
	amountCents: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
	/** The bank statement movement it was imported from: importing that statement again skips it. */
	bankMovementId: z.string().min(1).max(300).optional(),
	/** The account the money came from (compact IBAN), so the next payment from it is recognised. */
	counterpartyAccount: z.string().max(34).optional()
});
export type Payment = z.infer<typeof paymentSchema>;

/** The buyer's answer to a quote, as the user marked it. */
export const quoteDecisionSchema = z.object({
	outcome: z.enum(['accepted', 'declined']),
	date: isoDateSchema
});
export type QuoteDecision = z.infer<typeof quoteDecisionSchema>;

/**
 * An invoice or credit note as stored. A draft has no number, issue date or snapshots; from
 * "issued" on, the seller, buyer and VAT codes are frozen in it and it never changes again
 * (except status, payments and send history).
 */
export const invoiceRecordSchema = recordMetaSchema
	.extend({
		/** A quote lives with the invoices (same editor, numbering and sync) but is no tax document. */
		type: z.enum(['invoice', 'creditNote', 'quote']),
		status: z.enum(INVOICE_STATUSES),
		number: z.string().trim().min(1).optional(),
		issueDate: isoDateSchema.optional(),
		dueDate: isoDateSchema.optional(),
		deliveryDate: isoDateSchema.optional(),
		/** The address-book contact it was made for. */
		contactId: z.string().min(1).optional(),
		seller: sellerSnapshotSchema.optional(),
		buyer: buyerSnapshotSchema.optional(),
		language: z.enum(LANGUAGES),
		lines: z.array(invoiceLineSchema),
		vatCodes: z.array(vatCodeSchema).optional(),
		cashDiscount: cashDiscountTermsSchema.optional(),
		prepaidCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
		paymentReference: z
			.string()
			.regex(/^\d{12}$/)
			.optional(),
		paymentTerms: z.string().trim().min(1).optional(),
		buyerReference: z.string().trim().min(1).optional(),
		orderReference: z.string().trim().min(1).optional(),
		notes: z.string().trim().min(1).optional(),
		billingReference: billingReferenceSchema.optional(),
		/** For credit notes: the id of the invoice record it corrects. */
		correctsInvoiceId: z.string().min(1).optional(),
		/** On an invoice made from a quote: the quote's number and record id. */
		quoteReference: z.string().trim().min(1).optional(),
		quoteId: z.string().min(1).optional(),
		/** On a quote: the buyer's answer, and the invoice it was converted into. */
		decision: quoteDecisionSchema.optional(),
		convertedInvoiceId: z.string().min(1).optional(),
		attachments: z.array(attachmentReferenceSchema),
		sendHistory: z.array(sendAttemptSchema),
		payments: z.array(paymentSchema),
		/** Payment reminders sent (or queued) for this invoice, oldest first. */
		reminders: z.array(reminderRecordSchema).optional()
	})
	.superRefine((record, context) => {
		const fields =
			record.type === 'quote'
				? (['quoteReference', 'quoteId', 'paymentReference'] as const)
				: (['decision', 'convertedInvoiceId'] as const);
		for (const field of fields) {
			if (record[field] !== undefined) {
				context.addIssue({
					code: 'custom',
					path: [field],
					message: `is not allowed on ${record.type === 'quote' ? 'a quote' : `an ${record.type}`}`
				});
			}
		}
		if (record.status === 'draft' || record.status === 'queued') return;
		for (const field of ['number', 'issueDate', 'seller', 'buyer', 'vatCodes'] as const) {
			if (record[field] === undefined) {
				context.addIssue({
					code: 'custom',
					path: [field],
					message: `an issued ${record.type} must have its ${field}`
				});
			}
		}
	});
export type InvoiceRecord = z.infer<typeof invoiceRecordSchema>;
