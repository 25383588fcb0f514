import { z } from 'zod';

/**
 * Wire format of the sealed inbox (relay/README.md "Inbox"). The sealed bytes themselves are the
 * envelope of relay/src/inbox/sealed-envelope.ts, served as application/octet-stream.
 */
export const INBOX_MAX_LIST = 500;

const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const receivingKeyRequestSchema = z.strictObject({
	publicKey: z
		.string({ message: 'must be a string' })
		.min(80, 'is too short for a P-256 public key (65 raw bytes or SPKI, base64)')
		.max(200, 'is too long for a P-256 public key (65 raw bytes or SPKI, base64)')
		.regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'must be base64 or base64url'),
	/**
	 * Set by a device that made a pair because it found none: a key already stored wins and is
	 * answered back, so two devices racing to set up the inbox end with one pair (the first).
	 */
	keepExisting: z.boolean({ message: 'must be true or false' }).optional()
});

export const receivingKeyResponseSchema = z.object({
	/** Raw uncompressed P-256 point, base64url; null until a device set one. */
	publicKey: z.string().nullable(),
	updatedAt: z.string().nullable()
});

export const inboxListQuerySchema = z.strictObject({
	after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
	limit: z.coerce.number().int().min(1).max(INBOX_MAX_LIST).default(100)
});

export const inboxDocumentSchema = z.object({
	id: z.string(),
	seq: seqSchema,
	provider: z.enum(['letspeppol', 'recommand']),
	providerDocumentId: z.string(),
	documentType: z.enum(['invoice', 'credit-note', 'other']),
	sender: z.string().nullable(),
	receivedAt: z.string().nullable(),
	/** 'refused': the relay did not keep the content (the reason says why); nothing to open. */
	state: z.enum(['sealed', 'refused']),
	refusal: z.string().nullable(),
	sizeBytes: z.number().int().min(0),
	storedAt: z.string()
});
export type InboxDocument = z.infer<typeof inboxDocumentSchema>;

export const inboxListResponseSchema = z.object({
	documents: z.array(inboxDocumentSchema),
	cursor: seqSchema
});

/** Pushed on the events socket when a document was stored: pull the inbox after your cursor. */
export const inboxPokeSchema = z.object({ type: z.literal('inbox'), cursor: seqSchema });
export type InboxPoke = z.infer<typeof inboxPokeSchema>;
