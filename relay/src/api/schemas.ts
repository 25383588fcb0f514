import { z } from 'zod';

/**
 * The relay's own copy of the wire format. The browser keeps its copy in src/lib/protocol; the
 * contract test (tests/integration/relay-contract.spec.ts) proves the two agree.
 */

export const PROTOCOL_VERSION = 1;

export const seriesIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
export const invoiceIdSchema = z.uuid({ message: 'must be a UUID' });
export const isoDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const deviceNameSchema = z
	.string()
	.trim()
	.min(1, 'must not be empty')
	.max(100, 'must be at most 100 characters');
const tokenSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters');

// ---- auth ----------------------------------------------------------------------------------
export const registerWorkspaceRequestSchema = z.strictObject({
	inviteToken: tokenSchema.optional(),
	workspaceName: z.string().trim().min(1).max(200).optional(),
	deviceName: deviceNameSchema
});
export const joinRequestSchema = z.strictObject({
	joinToken: tokenSchema,
	deviceName: deviceNameSchema
});

// ---- sequencer -----------------------------------------------------------------------------
export const issueRequestSchema = z.strictObject({
	invoiceId: invoiceIdSchema,
	issueDate: isoDateSchema
});
export const seedSeriesRequestSchema = z.strictObject({
	lastNumber: z
		.number()
		.int()
		.min(0)
		.max(Number.MAX_SAFE_INTEGER - 1),
	lastIssueDate: isoDateSchema.nullable()
});

// ---- outbox --------------------------------------------------------------------------------
const fileNameSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters')
	.regex(/^[^\\/\u0000-\u001f\u007f]+$/, 'must not contain slashes or control characters')
	.refine((name) => name !== '.' && name !== '..', 'must be a file name');
const mimeTypeSchema = z
	.string()
	.max(100)
	.regex(/^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/, 'must be a MIME type like application/pdf');
// A plain linear check: zod's base64 validator is ~40x slower on multi-megabyte attachments.
const base64Schema = z
	.string()
	.refine(
		(value) => value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value),
		'must be base64'
	);
const emailAddressSchema = z.email({ message: 'must be an e-mail address' }).max(254);
const headerTextSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(300, 'must be at most 300 characters')
	.regex(/^[^\r\n]+$/, 'must be one line');

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

export const emailMessageSchema = z.strictObject({
	to: z
		.array(emailAddressSchema)
		.min(1, 'needs at least one address')
		.max(5, 'at most 5 addresses'),
	cc: z.array(emailAddressSchema).max(5, 'at most 5 addresses').optional(),
	replyTo: emailAddressSchema,
	sellerName: headerTextSchema,
	subject: headerTextSchema,
	text: z.string().min(1, 'must not be empty').max(20_000),
	html: z.string().max(200_000).optional()
});

export const attachmentSchema = z.strictObject({
	fileName: fileNameSchema,
	mimeType: mimeTypeSchema,
	contentBase64: base64Schema
});

export const documentTypeSchema = z.enum(['invoice', 'credit-note']);
export const channelHintSchema = z.enum(['auto', 'peppol', 'email']);

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
		ubl: z.strictObject({ fileName: fileNameSchema, xml: z.string().min(1, 'must not be empty') }),
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
		if (
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

export type SendRequest = z.infer<typeof sendRequestSchema>;
export type Buyer = z.infer<typeof buyerSchema>;
export type DocumentType = z.infer<typeof documentTypeSchema>;
export type ChannelHint = z.infer<typeof channelHintSchema>;

// ---- peppol --------------------------------------------------------------------------------
export const peppolLookupRequestSchema = z.strictObject({
	buyer: z
		.strictObject({
			country: buyerSchema.shape.country,
			vatNumber: buyerSchema.shape.vatNumber,
			enterpriseNumber: buyerSchema.shape.enterpriseNumber,
			peppolId: buyerSchema.shape.peppolId
		})
		.refine((b) => b.vatNumber ?? b.enterpriseNumber ?? b.peppolId, {
			message: 'needs a vatNumber, enterpriseNumber or peppolId'
		}),
	documentType: documentTypeSchema.default('invoice'),
	/** "Check now": ask the SML and SMP again instead of answering from the cache. */
	fresh: z.boolean().default(false)
});
export type LookupBuyer = z.infer<typeof peppolLookupRequestSchema>['buyer'];

// ---- websocket -----------------------------------------------------------------------------
export const clientMessageSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('auth'), token: tokenSchema })
]);

/** Decoded size of a base64 string without allocating the bytes. */
export function base64DecodedBytes(value: string): number {
	const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
	return Math.floor((value.length * 3) / 4) - padding;
}
