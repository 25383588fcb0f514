import { z } from 'zod';
import { invoiceIdSchema, isoDateTimeSchema } from './common.js';
import { jobViaSchema } from './peppol-connection.js';
import { senderNameProblem } from './sender-name.js';

/** Per file (PDF and each attachment); the relay answers 413 above it. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

const fileNameSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters')
	.regex(
		/^[^\\/\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+$/u,
		'must not contain slashes, control characters or direction overrides'
	)
	.refine((name) => name !== '.' && name !== '..', 'must be a file name');
// A plain linear check: zod's base64 validator is ~40x slower on multi-megabyte attachments.
const base64Schema = z
	.string()
	.refine(
		(value) => value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value),
		'must be base64'
	);
const emailAddressSchema = z.email({ message: 'must be an e-mail address' }).max(254);
// C0/C1 controls and the Unicode line separators: anything a header could be split on.
const ONE_LINE = /^[^\p{Cc}\u2028\u2029]+$/u;
const headerTextSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(300, 'must be at most 300 characters')
	.regex(ONE_LINE, 'must be one line without control characters');

/** An invoice goes to the buyer and at most a couple of colleagues, never to a mailing list. */
export const MAX_RECIPIENTS = 3;

/**
 * What a device may attach, with the file name extensions that may carry each type: what the
 * attachment picker offers (PDF, Word, Excel, JPEG, PNG). Nothing executable, no archives, no
 * HTML: the relay refuses anything else, and checks the content's signature bytes too.
 */
export const SEND_ATTACHMENT_TYPES = {
	'application/pdf': ['pdf'],
	'application/msword': ['doc'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.ms-excel': ['xls'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/png': ['png']
} as const satisfies Record<string, readonly string[]>;
export type SendAttachmentType = keyof typeof SEND_ATTACHMENT_TYPES;
const attachmentTypes = Object.keys(SEND_ATTACHMENT_TYPES) as [
	SendAttachmentType,
	...SendAttachmentType[]
];

/** The lower-cased extension after the last dot, or '' when the name has none. */
export function fileExtension(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export const buyerSchema = z.strictObject({
	name: z.string().trim().min(1, 'must not be empty').max(300),
	country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
	isBusiness: z.boolean(),
	vatNumber: z
		.string()
		.regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, 'must be a VAT number with country prefix, no spaces')
		.optional(),
	enterpriseNumber: z
		.string()
		.regex(/^\d{10}$/, 'must be 10 digits')
		.optional(),
	peppolId: z
		.string()
		.regex(
			/^\d{4}:[A-Za-z0-9._:+-]{1,100}$/,
			'must be a Peppol participant id like 0208:0123456749'
		)
		.optional()
});
export type Buyer = z.infer<typeof buyerSchema>;

/**
 * From is always the relay's no-reply address, named "<sellerName> via Billfold"; replyTo is the
 * seller. The relay builds the HTML part from the text, so there is no html field.
 */
export const emailMessageSchema = z
	.strictObject({
		to: z
			.array(emailAddressSchema)
			.min(1, 'needs at least one address')
			.max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} addresses`),
		cc: z
			.array(emailAddressSchema)
			.max(MAX_RECIPIENTS - 1, `at most ${MAX_RECIPIENTS - 1} addresses`)
			.optional(),
		replyTo: emailAddressSchema,
		sellerName: headerTextSchema
			.max(100, 'must be at most 100 characters')
			.superRefine((name, ctx) => {
				const problem = senderNameProblem(name);
				if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
			}),
		subject: headerTextSchema,
		text: z.string().min(1, 'must not be empty').max(20_000),
		html: z
			.undefined({ error: 'is not accepted: the relay builds the HTML part from the text' })
			.optional()
	})
	.superRefine((value, ctx) => {
		const count = value.to.length + (value.cc?.length ?? 0);
		if (count > MAX_RECIPIENTS) {
			ctx.addIssue({
				code: 'custom',
				path: ['cc'],
				message: `to and cc together may have at most ${MAX_RECIPIENTS} addresses`
			});
		}
	});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

export const attachmentSchema = z
	.strictObject({
		fileName: fileNameSchema,
		// Any string in (a client may hold a file of another type), only these out.
		mimeType: z.string().pipe(
			z.enum(attachmentTypes, {
				error: 'must be one of the types Billfold attaches: PDF, Word, Excel, JPEG or PNG'
			})
		),
		contentBase64: base64Schema
	})
	.superRefine((value, ctx) => {
		const allowed: readonly string[] = SEND_ATTACHMENT_TYPES[value.mimeType];
		if (!allowed.includes(fileExtension(value.fileName))) {
			ctx.addIssue({
				code: 'custom',
				path: ['fileName'],
				message: `must end in .${allowed.join(' or .')} for ${value.mimeType}`
			});
		}
	});
export type Attachment = z.infer<typeof attachmentSchema>;

/**
 * invoice and credit-note carry their UBL and may go over Peppol; a quote or a payment reminder
 * is a PDF by e-mail only (no UBL: Peppol BIS Billing has no such document).
 */
export const documentTypeSchema = z.enum(['invoice', 'credit-note', 'quote', 'reminder']);
export type DocumentType = z.infer<typeof documentTypeSchema>;

/** The document types that are invoices in UBL and can travel over Peppol. */
export const ublDocumentTypeSchema = z.enum(['invoice', 'credit-note']);
export type UblDocumentType = z.infer<typeof ublDocumentTypeSchema>;

export function isUblDocumentType(type: DocumentType): type is UblDocumentType {
	return type === 'invoice' || type === 'credit-note';
}

/** auto: Peppol when the buyer is registered, else e-mail; peppol: Peppol only; email: e-mail only. */
export const channelHintSchema = z.enum(['auto', 'peppol', 'email']);
export type ChannelHint = z.infer<typeof channelHintSchema>;

/**
 * POST …/outbox — 202 with the job; idempotent by invoiceId (a failed job is queued again). For a
 * quote or a reminder, invoiceId carries that document's own id (the app links it to its invoice).
 */
export const sendRequestSchema = z
	.strictObject({
		invoiceId: invoiceIdSchema,
		/**
		 * 0 for the send; n for the user's n-th explicit "send again". The invoice id and this
		 * counter together are the idempotency key, so a retry of either never delivers twice.
		 */
		resend: z
			.number({ message: 'must be a whole number from 0 to 1000' })
			.int('must be a whole number from 0 to 1000')
			.min(0, 'must be a whole number from 0 to 1000')
			.max(1000, 'must be a whole number from 0 to 1000')
			.default(0),
		documentType: documentTypeSchema,
		invoiceNumber: headerTextSchema.max(64),
		channel: channelHintSchema.default('auto'),
		buyer: buyerSchema,
		ubl: z
			.strictObject({ fileName: fileNameSchema, xml: z.string().min(1, 'must not be empty') })
			.optional(),
		pdf: z.strictObject({ fileName: fileNameSchema, contentBase64: base64Schema }),
		attachments: z.array(attachmentSchema).default([]),
		email: emailMessageSchema.optional()
	})
	.superRefine((value, ctx) => {
		if (value.channel === 'email' && value.email === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['email'],
				message: 'is required when channel is "email"'
			});
		}
		if (!isUblDocumentType(value.documentType)) {
			if (value.ubl !== undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['ubl'],
					message: `is not accepted for a ${value.documentType}`
				});
			if (value.channel !== 'email')
				ctx.addIssue({
					code: 'custom',
					path: ['channel'],
					message: 'must be "email" for a quote or a reminder'
				});
			return;
		}
		if (value.ubl === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['ubl'],
				message: 'is required for an invoice or a credit note'
			});
		} else if (
			!/^\uFEFF?\s*(<\?xml[^>]*>\s*)?<([A-Za-z_][\w.-]*:)?(Invoice|CreditNote)[\s>]/.test(
				value.ubl.xml.slice(0, 4096)
			)
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['ubl', 'xml'],
				message: 'must be a UBL Invoice or CreditNote document'
			});
		}
	});
/** What the client builds (channel and attachments may be left out). */
export type SendRequest = z.input<typeof sendRequestSchema>;
/** What the relay holds after parsing: the defaults filled in. */
export type AcceptedSendRequest = z.output<typeof sendRequestSchema>;

export const jobStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobWarningSchema = z.object({ code: z.string(), message: z.string() });
export type JobWarning = z.infer<typeof jobWarningSchema>;

/** GET …/outbox/:jobId, and the job in every WebSocket {type:"job"} message. */
export const jobStatusSchema = z.object({
	jobId: z.uuid(),
	invoiceId: invoiceIdSchema,
	/** Which send of the invoice this job is: 0 first, n the n-th "send again" (older relays: 0). */
	resend: z.number().int().min(0).default(0),
	documentType: documentTypeSchema,
	status: jobStateSchema,
	channel: z.enum(['peppol', 'email']).nullable(),
	/** The Peppol participant the document went to; null for e-mail. */
	recipient: z.string().nullable(),
	attempts: z.number().int().min(0),
	nextAttemptAt: isoDateTimeSchema.nullable(),
	messageId: z.string().nullable(),
	error: z.object({ reason: z.string(), retryable: z.boolean() }).nullable(),
	warnings: z.array(jobWarningSchema),
	createdAt: isoDateTimeSchema,
	updatedAt: isoDateTimeSchema,
	sentAt: isoDateTimeSchema.nullable(),
	/** The relay deleted the document after delivery and the retention period. */
	contentDeleted: z.boolean(),
	/** How it went out: over Peppol, through which provider (older relays: absent). */
	via: jobViaSchema.nullable().optional()
});
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const sendAcceptedSchema = z.object({
	jobId: z.uuid(),
	duplicate: z.boolean(),
	job: jobStatusSchema
});
export type SendAccepted = z.infer<typeof sendAcceptedSchema>;

export const jobListSchema = z.object({ jobs: z.array(jobStatusSchema) });

/** Decoded size of base64 text, to check MAX_ATTACHMENT_BYTES before uploading. */
export function base64DecodedBytes(value: string): number {
	const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
	return Math.floor((value.length * 3) / 4) - padding;
}
