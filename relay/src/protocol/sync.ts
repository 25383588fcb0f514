import { z } from 'zod';

/**
 * The sync routes' wire format. Envelopes travel as base64; the relay stores them as opaque bytes.
 */
export const SYNC_MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
export const SYNC_MAX_PUSH_ROWS = 500;
export const SYNC_MAX_PULL_ROWS = 1000;

const docIdSchema = z
	.string()
	.min(1, 'must not be empty')
	.max(100, 'must be at most 100 characters')
	.regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits, ".", "_", ":" or "-"');
const clientIdSchema = z
	.string()
	.min(8, 'must be at least 8 characters')
	.max(64, 'must be at most 64 characters')
	.regex(/^[A-Za-z0-9-]+$/, 'must be letters, digits or "-"');
const envelopeSchema = z
	.base64({ message: 'must be base64' })
	.min(40, 'is too short for an envelope');
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const pushRequestSchema = z.strictObject({
	rows: z
		.array(
			z.strictObject({ clientId: clientIdSchema, docId: docIdSchema, envelope: envelopeSchema })
		)
		.min(1, 'needs at least one row')
		.max(SYNC_MAX_PUSH_ROWS, `at most ${SYNC_MAX_PUSH_ROWS} rows`)
});
/** A push sent as sync frames (sync-frames.ts), once decoded: the same rules, envelopes as bytes. */
export const pushFramesSchema = z.strictObject({
	rows: z
		.array(
			z.strictObject({
				clientId: clientIdSchema,
				docId: docIdSchema,
				envelope: z
					.instanceof(Uint8Array)
					.refine((bytes) => bytes.length >= 30, 'is too short for an envelope')
			})
		)
		.min(1, 'needs at least one row')
		.max(SYNC_MAX_PUSH_ROWS, `at most ${SYNC_MAX_PUSH_ROWS} rows`)
});
export const pushResponseSchema = z.object({
	acks: z.array(z.object({ clientId: z.string(), seq: seqSchema })),
	head: seqSchema
});
/** The relay's answer to a push, over HTTP (200 body) or the events socket (`push-ack`). */
export type PushAnswer = z.infer<typeof pushResponseSchema>;

/** A row of the log as the relay hands it out (pull, poke): the envelope exactly as stored. */
export const syncRowSchema = z.object({
	seq: seqSchema,
	docId: z.string(),
	clientId: z.string(),
	kind: z.enum(['update', 'snapshot']),
	envelope: z.string()
});

export const pullResponseSchema = z.object({
	rows: z.array(syncRowSchema),
	head: seqSchema
});

export const compactRequestSchema = z.strictObject({
	clientId: clientIdSchema,
	docId: docIdSchema,
	upToSeq: seqSchema,
	envelope: envelopeSchema
});
export const compactResponseSchema = z.object({ seq: seqSchema, removed: z.number().int().min(0) });

/** The passphrase-wrapped workspace key the relay keeps for joining devices; opaque to it. */
export const keyWrapSchema = z.strictObject({
	wrapped: z.record(z.string(), z.union([z.string(), z.number()]))
});

export type PushRequest = z.infer<typeof pushRequestSchema>;
export type SyncRow = z.infer<typeof syncRowSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
export type CompactRequest = z.infer<typeof compactRequestSchema>;

/** PUT …/sync/key-wrap answers that it kept the wrapped key. */
export const keyWrapStoredSchema = z.object({ stored: z.literal(true) });

/** A poke carries the new rows only while their envelopes (base64) stay within this many characters. */
export const SYNC_POKE_MAX_ENVELOPE_CHARS = 64 * 1024;

/**
 * Pushed on the workspace's events socket when the sync log grows. `rows`, when present, are the
 * newest rows, contiguous and ending at `head` (…, head − 1, head), so a device whose cursor is
 * at or after the first row's predecessor applies them without a pull; any other device, and
 * every device when the rows were too large to carry, pulls after its cursor as before.
 */
export const syncPokeSchema = z
	.object({
		type: z.literal('sync'),
		head: seqSchema,
		rows: z.array(syncRowSchema).min(1).optional()
	})
	.refine(
		(poke) =>
			poke.rows === undefined ||
			poke.rows.every((row, index, rows) => row.seq === poke.head - (rows.length - 1 - index)),
		{ message: 'rows must be contiguous and end at head', path: ['rows'] }
	);
export type SyncPoke = z.infer<typeof syncPokeSchema>;

/**
 * GET …/sync/pull query: after a cursor, at most `limit` rows; `format=binary` answers the page as
 * sync frames (sync-frames.ts) instead of JSON with base64 envelopes.
 */
export const pullQuerySchema = z.strictObject({
	after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
	limit: z.coerce.number().int().min(1).max(SYNC_MAX_PULL_ROWS).default(500),
	format: z.enum(['json', 'binary'], { message: 'must be "json" or "binary"' }).default('json')
});
