import { LANGUAGES, localizedTextSchema } from '$lib/language';
import { z } from 'zod';
import { addressSchema } from '$lib/contacts';
import { vatCodeSchema } from '$lib/vat';
import {
	cashDiscountTermsSchema,
	isoDateSchema,
	itemLineSchema,
	textLineSchema
} from '$lib/invoice';
import { attachmentReferenceSchema } from './attachment-reference';
import { INVOICE_DOCUMENT_FORMAT, INVOICE_DOCUMENT_VERSION } from './invoice-document-format';
import { buyerSnapshotSchema, sellerSnapshotSchema } from './party-snapshot';

/** BG-3: the invoice a credit note corrects. */
export const billingReferenceSchema = z.strictObject({
	/** BT-25. */
	number: z.string().trim().min(1),
	/** BT-26. */
	issueDate: isoDateSchema,
	/** Whether the credit note cancels the whole invoice or only part of it. */
	scope: z.enum(['full', 'partial'])
});
export type BillingReference = z.infer<typeof billingReferenceSchema>;

// The document is an interchange format people write by hand (the render CLI) and other tools
// read: an unknown key is a mistake (a misspelt `cashdiscount` would otherwise drop the
// discount without a word), so every object in it rejects keys it does not know. The building
// blocks stay lenient where the app keeps its own records.
const strictAddress = addressSchema.strict();
const strictLocalized = localizedTextSchema.strict();
const strictVatCode = vatCodeSchema
	.safeExtend({
		exemptionReason: strictLocalized.optional(),
		label: strictLocalized,
		mention: strictLocalized.optional()
	})
	.strict();
const strictLine = z.discriminatedUnion('type', [itemLineSchema.strict(), textLineSchema.strict()]);

/**
 * The self-contained, versioned invoice document: our interchange, export and CLI format.
 * Everything needed to render the PDF and the UBL again is inside, including the VAT codes used.
 * Totals are not stored; they are derived with computeTotals(document).
 */
export const invoiceDocumentSchema = z
	.strictObject({
		format: z.literal(INVOICE_DOCUMENT_FORMAT),
		version: z.literal(INVOICE_DOCUMENT_VERSION),
		/**
		 * 380 invoice / 381 credit note (BT-3). A quote is no tax document: it is printed and
		 * e-mailed, never written as UBL; its dueDate is the date the offer is valid until.
		 */
		type: z.enum(['invoice', 'creditNote', 'quote']),
		/** BT-1. */
		number: z.string().trim().min(1).max(64),
		/** BT-2. */
		issueDate: isoDateSchema,
		/** BT-9. */
		dueDate: isoDateSchema.optional(),
		/** BT-72 date of the chargeable event, when different from the issue date. */
		deliveryDate: isoDateSchema.optional(),
		/** Language the legal parts are written in. */
		language: z.enum(LANGUAGES),
		/** BT-5. VAT is always accounted in EUR, and so are we. */
		currency: z.literal('EUR'),
		seller: sellerSnapshotSchema.extend({ address: strictAddress }).strict(),
		buyer: buyerSnapshotSchema.extend({ address: strictAddress }).strict(),
		/** BT-10. */
		buyerReference: z.string().trim().min(1).optional(),
		/** BT-13. */
		orderReference: z.string().trim().min(1).optional(),
		lines: z.array(strictLine).min(1),
		/** Every VAT code a line refers to, as it was at issue. */
		vatCodes: z.array(strictVatCode).min(1),
		cashDiscount: cashDiscountTermsSchema.strict().optional(),
		/** BT-113 in cents. */
		prepaidCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
		/** BT-83 Belgian structured reference (OGM/VCS), 12 digits. */
		paymentReference: z
			.string()
			.regex(/^\d{12}$/, 'must be the 12 digits of a structured communication')
			.optional(),
		/** BT-20 free text on payment terms. */
		paymentTerms: z.string().trim().min(1).optional(),
		/** BT-22. */
		notes: z.string().trim().min(1).optional(),
		/** BG-3; required on a credit note. */
		billingReference: billingReferenceSchema.optional(),
		/** On an invoice made from a quote: that quote's number (BG-24 in the UBL). */
		quoteReference: z.string().trim().min(1).max(64).optional(),
		attachments: z.array(attachmentReferenceSchema.strict())
	})
	.superRefine((document, context) => {
		const codeIds = new Set<string>();
		document.vatCodes.forEach((code, index) => {
			if (codeIds.has(code.id)) {
				context.addIssue({
					code: 'custom',
					path: ['vatCodes', index, 'id'],
					message: `VAT code "${code.id}" is listed twice`
				});
			}
			codeIds.add(code.id);
		});
		document.lines.forEach((line, index) => {
			if (line.type === 'item' && !codeIds.has(line.vatCodeId)) {
				context.addIssue({
					code: 'custom',
					path: ['lines', index, 'vatCodeId'],
					message: `VAT code "${line.vatCodeId}" is not among the document's vatCodes`
				});
			}
		});
		if (!document.lines.some((line) => line.type === 'item')) {
			context.addIssue({
				code: 'custom',
				path: ['lines'],
				message: 'needs at least one priced line'
			});
		}
		if (document.type === 'creditNote' && !document.billingReference) {
			context.addIssue({
				code: 'custom',
				path: ['billingReference'],
				message: 'a credit note must reference the invoice it corrects'
			});
		}
		if (document.type === 'quote') {
			for (const field of ['paymentReference', 'billingReference', 'quoteReference'] as const) {
				if (document[field] !== undefined) {
					context.addIssue({
						code: 'custom',
						path: [field],
						message: 'a quote has no payment, correction or quote reference'
					});
				}
			}
			if (!document.dueDate) {
				context.addIssue({
					code: 'custom',
					path: ['dueDate'],
					message: 'a quote must say until when it is valid'
				});
			}
		}
		if (document.dueDate && document.dueDate < document.issueDate) {
			context.addIssue({
				code: 'custom',
				path: ['dueDate'],
				message: 'must not be before the issue date'
			});
		}
		const attachmentIds = new Set<string>();
		document.attachments.forEach((attachment, index) => {
			if (attachmentIds.has(attachment.id)) {
				context.addIssue({
					code: 'custom',
					path: ['attachments', index, 'id'],
					message: `attachment "${attachment.id}" is listed twice`
				});
			}
			attachmentIds.add(attachment.id);
		});
	});

export type InvoiceDocument = z.infer<typeof invoiceDocumentSchema>;
export type InvoiceDocumentInput = z.input<typeof invoiceDocumentSchema>;
