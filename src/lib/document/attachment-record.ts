import { z } from 'zod';
import { recordMetaSchema } from '$lib/contacts';
import { ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES } from './attachment-reference';

export const ATTACHMENT_SCHEMA_VERSION = 1;

/**
 * An uploaded file. Storage keeps the bytes under the same id; this record holds what the
 * domain needs to reference and validate it.
 */
export const attachmentRecordSchema = recordMetaSchema.extend({
	fileName: z.string().trim().min(1).max(200),
	mimeType: z.enum(ATTACHMENT_MIME_TYPES),
	size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'an attachment may be at most 2 MB'),
	/** Hex SHA-256 of the bytes, to detect corruption and duplicates. */
	sha256: z
		.string()
		.regex(/^[0-9a-f]{64}$/)
		.optional()
});
export type AttachmentRecord = z.infer<typeof attachmentRecordSchema>;
