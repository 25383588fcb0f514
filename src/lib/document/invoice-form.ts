import { LANGUAGES } from '$lib/language';
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from './attachment-reference';
import { billingReferenceSchema } from './invoice-document';
import { SEND_ATTACHMENT_TYPES } from '$protocol';

/** What the user may attach (PDF, Word, Excel, JPEG, PNG): exactly what the relay will send. */
export const ATTACHABLE_TYPES = SEND_ATTACHMENT_TYPES;
export type AttachableType = keyof typeof ATTACHABLE_TYPES;
export const ATTACHABLE_MIME_TYPES = Object.keys(ATTACHABLE_TYPES) as AttachableType[];

/** All attachments together; the relay refuses a send above 16 MB with PDF and UBL included. */
export const MAX_TOTAL_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/**
 * A line as the user typed it. Numbers stay text until the invoice is issued, so a half-typed
 * "12," survives a reload instead of being refused.
 */
export const formLineSchema = z.discriminatedUnion('type', [
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
export type FormLine = z.infer<typeof formLineSchema>;
export type FormItemLine = Extract<FormLine, { type: 'item' }>;

export const formAttachmentSchema = z.object({
	id: z.string().min(1),
	fileName: z.string().min(1).max(200),
	mimeType: z.enum(ATTACHABLE_MIME_TYPES as [AttachableType, ...AttachableType[]]),
	size: z.number().int().min(1)
});
export type FormAttachment = z.infer<typeof formAttachmentSchema>;

/** The editor's values: kept in the drafts table on every change, so nothing typed is lost. */
export const invoiceFormSchema = z.object({
	type: z.enum(['invoice', 'creditNote', 'quote']),
	contactId: z.string().min(1).optional(),
	issueDate: z.string(),
	deliveryDate: z.string(),
	/** On a quote: the date it is valid until. */
	dueDate: z.string(),
	/** While true the due date follows the payment terms (a quote: its validity); typing a date turns it off. */
	dueDateFromTerms: z.boolean(),
	buyerReference: z.string(),
	orderReference: z.string(),
	notes: z.string(),
	cashDiscount: z.boolean(),
	/** The document and e-mail language chosen for this invoice; absent: the contact's. */
	language: z.enum(LANGUAGES).optional(),
	lines: z.array(formLineSchema),
	attachments: z.array(formAttachmentSchema),
	/** On a credit note: the invoice it corrects (BG-3) and its record id. */
	billingReference: billingReferenceSchema.optional(),
	correctsInvoiceId: z.string().min(1).optional(),
	/** On an invoice converted from a quote: the quote's number and record id. */
	quoteReference: z.string().min(1).optional(),
	quoteId: z.string().min(1).optional()
});
export type InvoiceForm = z.infer<typeof invoiceFormSchema>;

export function parseStoredForm(value: unknown): InvoiceForm | undefined {
	const parsed = invoiceFormSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}

export function draftKey(invoiceId: string): string {
	return `invoice:${invoiceId}`;
}

export function attachableType(file: { name: string; type: string }): AttachableType | undefined {
	if ((ATTACHABLE_MIME_TYPES as string[]).includes(file.type)) return file.type as AttachableType;
	const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
	return ATTACHABLE_MIME_TYPES.find((type) =>
		(ATTACHABLE_TYPES[type] as readonly string[]).includes(extension)
	);
}

export type AttachmentRefusal =
	| { reason: 'type'; fileName: string }
	| { reason: 'size'; fileName: string; size: number }
	| { reason: 'total'; fileName: string; size: number; totalBytes: number };

/** Which dropped files may be attached: allowed types, ≤ 2 MB each and ≤ 8 MB together. */
export function screenAttachments(
	files: readonly { name: string; type: string; size: number }[],
	alreadyAttachedBytes: number
): { accepted: number[]; refused: AttachmentRefusal[] } {
	const accepted: number[] = [];
	const refused: AttachmentRefusal[] = [];
	let total = alreadyAttachedBytes;
	files.forEach((file, index) => {
		if (!attachableType(file)) refused.push({ reason: 'type', fileName: file.name });
		else if (file.size > MAX_ATTACHMENT_BYTES)
			refused.push({ reason: 'size', fileName: file.name, size: file.size });
		else if (file.size === 0) refused.push({ reason: 'type', fileName: file.name });
		else if (total + file.size > MAX_TOTAL_ATTACHMENT_BYTES)
			refused.push({
				reason: 'total',
				fileName: file.name,
				size: file.size,
				totalBytes: total + file.size
			});
		else {
			total += file.size;
			accepted.push(index);
		}
	});
	return { accepted, refused };
}
